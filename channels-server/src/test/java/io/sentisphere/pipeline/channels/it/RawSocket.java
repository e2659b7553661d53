package io.sentisphere.pipeline.channels.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's own WebSocket client, for what pusher-js hides: exact close codes, and a reader that
 * stops reading (flow control: it requests {@code reads} messages and then no more), to play a slow
 * consumer.
 */
final class RawSocket implements WebSocket.Listener {

    final List<String> messages = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final int reads;
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    private RawSocket(int reads) {
        this.reads = reads;
    }

    static RawSocket open(String url, int reads) throws Exception {
        RawSocket listener = new RawSocket(reads);
        listener.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(url), listener)
                .get(10, TimeUnit.SECONDS);
        return listener;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        if (messages.size() < reads) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    void abort() {
        socket.abort();
    }
}

package io.sentisphere.pipeline.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The sockets of {@code bench/fanout}, in their own JVM so the server's measurement does not share
 * a heap or a JIT with them: {@code FanoutClients <ws-uri> <connections> <channel> <events>} opens
 * the sockets (the JDK's WebSocket client), subscribes each to the channel and prints, one per line
 * on stdout:
 *
 * <ul>
 *   <li>{@code open N} every 1,000 sockets, then {@code subscribed N} once all are subscribed;
 *   <li>{@code reached SEQ NANOS} when every socket has received the event whose data carries
 *       {@code "seq":SEQ}; NANOS is {@link System#nanoTime()} at the last receipt, the same
 *       monotonic clock as the harness on this host (Linux {@code CLOCK_MONOTONIC}).
 * </ul>
 *
 * It exits when its stdin closes (the harness ended) and on any failure, with a message on stderr.
 */
public final class FanoutClients {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int connections = Integer.parseInt(args[1]);
        String channel = args[2];
        int events = Integer.parseInt(args[3]);
        AtomicIntegerArray received = new AtomicIntegerArray(events);
        AtomicLongArray lastAt = new AtomicLongArray(events);
        CountDownLatch subscribed = new CountDownLatch(connections);
        String subscribe = "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\"}}";
        // Two selector threads' worth of work is what one core can do; the listeners run inline.
        HttpClient client = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(2))
                .build();
        List<WebSocket> sockets = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            sockets.add(client.newWebSocketBuilder()
                    .buildAsync(uri, new WebSocket.Listener() {
                        final StringBuilder partial = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                String text = partial.toString();
                                partial.setLength(0);
                                int seq = seq(text);
                                if (seq >= 0) {
                                    long now = System.nanoTime();
                                    lastAt.accumulateAndGet(seq, now, Math::max);
                                    if (received.incrementAndGet(seq) == connections) {
                                        report("reached " + seq + " " + lastAt.get(seq));
                                    }
                                } else if (text.contains("connection_established")) {
                                    ws.sendText(subscribe, true);
                                } else if (text.contains("subscription_succeeded")) {
                                    subscribed.countDown();
                                }
                            }
                            ws.request(1);
                            return null;
                        }
                    })
                    .get(30, TimeUnit.SECONDS));
            if ((i + 1) % 1000 == 0) {
                report("open " + (i + 1));
            }
        }
        if (!subscribed.await(120, TimeUnit.SECONDS)) {
            System.err.println("only " + (connections - subscribed.getCount()) + " sockets subscribed");
            System.exit(1);
        }
        report("subscribed " + connections);
        // Runs until the harness closes stdin (or dies).
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // nothing is sent on stdin; EOF ends the process
            }
        }
        sockets.forEach(WebSocket::abort);
        System.exit(0);
    }

    /** The {@code seq} of a bench event ({@code data} is a JSON string, so its quotes are escaped). */
    static int seq(String frame) {
        int at = frame.indexOf("seq\\\":");
        if (at < 0) {
            return -1;
        }
        int start = at + 6;
        int end = start;
        while (end < frame.length() && Character.isDigit(frame.charAt(end))) {
            end++;
        }
        return Integer.parseInt(frame, start, end, 10);
    }

    private static synchronized void report(String line) {
        System.out.println(line);
        System.out.flush();
    }
}

package io.sentisphere.pipeline.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The readers of {@code bench/fanout}'s floor: {@code FanoutFloorReaders <port> <connections>
 * <frame-bytes> <events>} opens plain TCP connections to the harness, one selector thread reads
 * them, and prints {@code reached SEQ NANOS} once every connection has received {@code SEQ + 1}
 * frames' worth of bytes ({@link System#nanoTime()} at the last read). No WebSocket, no JSON: what
 * the kernel and one JVM thread cost to receive the bytes, as a floor under {@link FanoutClients}.
 */
public final class FanoutFloorReaders {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        int frame = Integer.parseInt(args[2]);
        int events = Integer.parseInt(args[3]);
        Selector selector = Selector.open();
        long[] received = new long[connections];
        for (int i = 0; i < connections; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, i);
        }
        System.out.println("connected " + connections);
        System.out.flush();
        Thread stdin = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                while (in.readLine() != null) {
                    // EOF ends the process
                }
            } catch (Exception ignored) {
                // the harness is gone either way
            }
            System.exit(0);
        });
        stdin.setDaemon(true);
        stdin.start();
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        int[] complete = new int[events];
        while (true) {
            selector.select();
            for (SelectionKey key : selector.selectedKeys()) {
                int index = (Integer) key.attachment();
                buffer.clear();
                int read = ((SocketChannel) key.channel()).read(buffer);
                if (read < 0) {
                    key.cancel();
                    continue;
                }
                long before = received[index] / frame;
                received[index] += read;
                long after = Math.min(events, received[index] / frame);
                for (long seq = before; seq < after; seq++) {
                    if (++complete[(int) seq] == connections) {
                        System.out.println("reached " + seq + " " + System.nanoTime());
                        System.out.flush();
                    }
                }
            }
            selector.selectedKeys().clear();
        }
    }
}

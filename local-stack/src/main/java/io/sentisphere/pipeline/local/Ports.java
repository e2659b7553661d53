package io.sentisphere.pipeline.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free loopback ports for brokers and services started by tests and benchmarks. */
public final class Ports {

    /** Ports this JVM has handed out: the OS may offer a just-closed port again at once. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {}

    /**
     * A port that was free a moment ago and that this JVM has not handed out before (two calls in a
     * row never return the same port, e.g. a broker's client and controller listeners). Hazard:
     * another process may take it before it is bound again; fine on a test machine, not a
     * reservation.
     */
    public static int free() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port found that was not handed out already");
    }
}

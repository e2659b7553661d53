package io.sentisphere.pipeline.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Free loopback ports for brokers and services started by tests and benchmarks. */
public final class Ports {

    private Ports() {
    }

    /**
     * A port that was free a moment ago. Hazard: another process may take it before it is bound
     * again; fine on a test machine, not a reservation.
     */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

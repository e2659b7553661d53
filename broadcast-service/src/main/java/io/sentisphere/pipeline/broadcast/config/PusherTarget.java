package io.sentisphere.pipeline.broadcast.config;

/**
 * Where events go: Pusher itself ({@code cluster}, always TLS) or a self-hosted Pusher-protocol
 * server ({@code host:port} over {@code scheme}), e.g. channels-server.
 */
public record PusherTarget(String cluster, String host, int port, String scheme) {

    public boolean isCluster() {
        return cluster != null;
    }

    /** For logs: {@code cluster mt1} or {@code http://127.0.0.1:6001}. */
    public String describe() {
        return isCluster() ? "Pusher cluster " + cluster : scheme + "://" + host + ":" + port;
    }
}

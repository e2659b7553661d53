package io.sentisphere.pipeline.broadcast.push;

import com.pusher.rest.Pusher;
import com.pusher.rest.data.Event;
import com.pusher.rest.data.Result;
import com.pusher.rest.data.Validity;
import io.sentisphere.pipeline.broadcast.config.BroadcastConfig;
import java.util.List;

/**
 * {@link PusherGateway} over pusher-http-java: Pusher itself ({@code PUSHER_APP_CLUSTER}, TLS) or a
 * self-hosted server ({@code PUSHER_HOST}:{@code PUSHER_PORT} over {@code PUSHER_SCHEME}). Data is
 * passed through as the JSON string {@link DashboardPayload} made (no second encoding).
 */
public final class PusherHttpGateway implements PusherGateway, AutoCloseable {

    private final Pusher pusher;

    public PusherHttpGateway(BroadcastConfig config) {
        this.pusher = new Pusher(config.appId(), config.appKey(), config.appSecret());
        if (config.target().isCluster()) {
            pusher.setCluster(config.target().cluster());
            pusher.setEncrypted(true);
        } else {
            pusher.setHost(config.target().host() + ":" + config.target().port());
            pusher.setEncrypted("https".equals(config.target().scheme()));
        }
        pusher.setRequestTimeout((int) config.pusherTimeout().toMillis());
        pusher.setDataMarshaller(data -> (String) data);
    }

    /** The same client signs channel subscriptions for {@code /broadcasting/auth}. */
    public String authenticate(String socketId, String channel) {
        return pusher.authenticate(socketId, channel);
    }

    @Override
    public Sent send(List<Item> items) {
        Result result;
        try {
            if (items.size() == 1) {
                result = pusher.trigger(
                        items.get(0).channel(),
                        BroadcastConfig.EVENT,
                        items.get(0).data());
            } else {
                result = pusher.trigger(items.stream()
                        .map(item -> new Event(item.channel(), BroadcastConfig.EVENT, item.data()))
                        .toList());
            }
        } catch (RuntimeException e) {
            return new Sent(Outcome.RETRY, null, e.getClass().getSimpleName());
        }
        return classify(result);
    }

    /**
     * True when a webhook body was signed with this app's secret and names this app's key
     * ({@code X-Pusher-Key}, {@code X-Pusher-Signature}: HMAC-SHA256 of the raw body, hex).
     */
    public boolean isValidWebhook(String key, String signature, String body) {
        if (key == null || signature == null || body == null) {
            return false;
        }
        return pusher.validateWebhookSignature(key, signature, body) == Validity.VALID;
    }

    static Sent classify(Result result) {
        Integer status = result.getHttpStatus();
        if (result.getStatus() == Result.Status.SUCCESS) {
            return new Sent(Outcome.DELIVERED, status, null);
        }
        String message = result.getStatus().name();
        if (status != null && (status == 400 || status == 413)) {
            return new Sent(Outcome.REFUSED, status, message);
        }
        return new Sent(Outcome.RETRY, status, message);
    }

    @Override
    public void close() throws Exception {
        pusher.close();
    }
}

package io.sentisphere.pipeline.channels.hub;

import java.util.Collection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serialized protocol 7 frames. Pusher double-encodes: a frame's {@code data} is itself a JSON
 * string for server-originated events (pusher-js parses it once more).
 */
public final class Frames {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Frames() {}

    public static JsonMapper json() {
        return JSON;
    }

    public static String connectionEstablished(String socketId, long activityTimeoutSeconds) {
        ObjectNode data =
                JSON.createObjectNode().put("socket_id", socketId).put("activity_timeout", activityTimeoutSeconds);
        return frame("pusher:connection_established", null, JSON.writeValueAsString(data));
    }

    public static String pong() {
        return "{\"event\":\"pusher:pong\",\"data\":{}}";
    }

    public static String ping() {
        return "{\"event\":\"pusher:ping\",\"data\":{}}";
    }

    /** {@code pusher:error}; {@code code} may be null for errors that are not close codes. */
    public static String error(Integer code, String message) {
        ObjectNode data = JSON.createObjectNode().put("message", message);
        if (code == null) {
            data.putNull("code");
        } else {
            data.put("code", code);
        }
        ObjectNode frame = JSON.createObjectNode().put("event", "pusher:error");
        frame.set("data", data);
        return JSON.writeValueAsString(frame);
    }

    /** {@code pusher:subscription_error}, bound by pusher-js/Echo to the channel's error callback. */
    public static String subscriptionError(String channel, String type, String error, int status) {
        ObjectNode data =
                JSON.createObjectNode().put("type", type).put("error", error).put("status", status);
        ObjectNode frame = JSON.createObjectNode()
                .put("event", "pusher:subscription_error")
                .put("channel", channel);
        frame.set("data", data);
        return JSON.writeValueAsString(frame);
    }

    public static String subscriptionSucceeded(String channel) {
        return frame("pusher_internal:subscription_succeeded", channel, "{}");
    }

    /** Presence variant: {@code {"presence":{"ids":[…],"hash":{id:info},"count":n}}}. */
    public static String presenceSubscriptionSucceeded(String channel, Collection<Member> members) {
        ObjectNode presence = JSON.createObjectNode();
        var ids = presence.putArray("ids");
        ObjectNode hash = presence.putObject("hash");
        for (Member member : members) {
            ids.add(member.userId());
            hash.set(member.userId(), member.userInfo());
        }
        presence.put("count", members.size());
        ObjectNode data = JSON.createObjectNode();
        data.set("presence", presence);
        return frame("pusher_internal:subscription_succeeded", channel, JSON.writeValueAsString(data));
    }

    public static String memberAdded(String channel, Member member) {
        ObjectNode data = JSON.createObjectNode().put("user_id", member.userId());
        data.set("user_info", member.userInfo());
        return frame("pusher_internal:member_added", channel, JSON.writeValueAsString(data));
    }

    public static String memberRemoved(String channel, String userId) {
        return frame(
                "pusher_internal:member_removed",
                channel,
                JSON.writeValueAsString(JSON.createObjectNode().put("user_id", userId)));
    }

    public static String cacheMiss(String channel) {
        return JSON.writeValueAsString(
                JSON.createObjectNode().put("event", "pusher:cache_miss").put("channel", channel));
    }

    /** An event published through the HTTP API: {@code data} is the string the publisher sent. */
    public static String event(String channel, String name, String data) {
        return frame(name, channel, data);
    }

    /** A client event, forwarded with its data as sent, plus {@code user_id} on presence channels. */
    public static String clientEvent(String channel, String name, JsonNode data, String userId) {
        ObjectNode frame = JSON.createObjectNode().put("event", name).put("channel", channel);
        frame.set("data", data);
        if (userId != null) {
            frame.put("user_id", userId);
        }
        return JSON.writeValueAsString(frame);
    }

    private static String frame(String event, String channel, String data) {
        ObjectNode frame = JSON.createObjectNode().put("event", event);
        if (channel != null) {
            frame.put("channel", channel);
        }
        frame.put("data", data);
        return JSON.writeValueAsString(frame);
    }
}

package io.sentisphere.pipeline.channels.http;

import io.sentisphere.pipeline.channels.config.ChannelsConfig;
import io.sentisphere.pipeline.channels.protocol.ChannelName;
import io.sentisphere.pipeline.service.error.ServiceException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One event of {@code POST /events} or one item of {@code /batch_events}, validated against
 * Pusher's limits: name up to 200 characters, {@code data} up to 10 KB (413 beyond), 1–100 valid
 * channels ({@code channels} or {@code channel}), an optional {@code socket_id} to exclude.
 */
record ApiEvent(String name, String data, List<ChannelName> channels, String socketId, List<String> info) {

    private static final Pattern SOCKET_ID = Pattern.compile("\\d+\\.\\d+");

    static ApiEvent parse(JsonNode node) {
        if (!node.isObject()) {
            throw new ServiceException(ApiErrors.error(ApiErrors.Code.INVALID_EVENT, "an event must be a JSON object"));
        }
        String name = node.path("name").asString("");
        if (name.isEmpty() || name.length() > 200) {
            throw new ServiceException(
                    ApiErrors.error(ApiErrors.Code.INVALID_NAME, "name is required, at most 200 characters"));
        }
        JsonNode dataNode = node.get("data");
        if (dataNode == null || dataNode.isNull()) {
            throw new ServiceException(ApiErrors.error(ApiErrors.Code.INVALID_DATA, "data is required"));
        }
        String data = dataNode.isString() ? dataNode.asString() : dataNode.toString();
        int dataBytes = data.getBytes(StandardCharsets.UTF_8).length;
        if (dataBytes > ChannelsConfig.MAX_DATA_BYTES) {
            throw new ServiceException(ApiErrors.error(
                    ApiErrors.Code.DATA_TOO_LARGE,
                    "data is " + dataBytes + " bytes; the limit is " + ChannelsConfig.MAX_DATA_BYTES));
        }
        List<String> names = new ArrayList<>();
        if (node.has("channels")) {
            if (!node.get("channels").isArray()) {
                throw new ServiceException(
                        ApiErrors.error(ApiErrors.Code.INVALID_CHANNELS, "channels must be an array"));
            }
            node.get("channels").forEach(c -> names.add(c.asString(null)));
        } else if (node.has("channel")) {
            names.add(node.get("channel").asString(null));
        }
        if (names.isEmpty()) {
            throw new ServiceException(
                    ApiErrors.error(ApiErrors.Code.MISSING_CHANNELS, "channels (or channel) is required"));
        }
        if (names.size() > ChannelsConfig.MAX_CHANNELS_PER_EVENT) {
            throw new ServiceException(ApiErrors.error(
                    ApiErrors.Code.TOO_MANY_CHANNELS,
                    "at most " + ChannelsConfig.MAX_CHANNELS_PER_EVENT + " channels per event (got " + names.size()
                            + ")"));
        }
        List<ChannelName> channels = new ArrayList<>();
        for (String value : names) {
            channels.add(ChannelName.parse(value)
                    .orElseThrow(() -> new ServiceException(
                            ApiErrors.error(ApiErrors.Code.INVALID_CHANNEL, "invalid channel name"))));
        }
        String socketId = node.hasNonNull("socket_id") ? node.get("socket_id").asString() : null;
        if (socketId != null && !SOCKET_ID.matcher(socketId).matches()) {
            throw new ServiceException(
                    ApiErrors.error(ApiErrors.Code.INVALID_SOCKET_ID, "socket_id must be digits.digits"));
        }
        List<String> info =
                node.hasNonNull("info") ? List.of(node.get("info").asString().split(",")) : List.of();
        return new ApiEvent(name, data, channels, socketId, info);
    }
}

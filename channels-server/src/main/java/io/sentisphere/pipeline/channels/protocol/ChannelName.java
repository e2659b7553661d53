package io.sentisphere.pipeline.channels.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated channel name and its kind, by Pusher's prefixes: {@code private-}, {@code presence-},
 * {@code private-encrypted-} (refused: end-to-end encryption is not supported here), and the
 * {@code cache-} variants ({@code cache-}, {@code private-cache-}, {@code presence-cache-}).
 */
public record ChannelName(String value, boolean isPrivate, boolean isPresence, boolean isCache) {

    /** Pusher's rule: at most 164 characters of {@code [-a-zA-Z0-9_=@,.;]}. */
    private static final Pattern VALID = Pattern.compile("[-a-zA-Z0-9_=@,.;]{1,164}");

    /** Parses a channel name; empty when the name is not a valid Pusher channel name. */
    public static Optional<ChannelName> parse(String value) {
        if (value == null
                || !VALID.matcher(value).matches()
                || value.startsWith("private-encrypted-")
                || value.startsWith("#")) {
            return Optional.empty();
        }
        boolean presence = value.startsWith("presence-");
        boolean privateChannel = value.startsWith("private-");
        boolean cache =
                value.startsWith("cache-") || value.startsWith("private-cache-") || value.startsWith("presence-cache-");
        return Optional.of(new ChannelName(value, privateChannel, presence, cache));
    }

    /** Private and presence channels need a signed {@code auth} to subscribe and allow client events. */
    public boolean needsAuth() {
        return isPrivate || isPresence;
    }

    @Override
    public String toString() {
        return value;
    }
}

package io.sentisphere.pipeline.channels.hub;

import io.sentisphere.pipeline.channels.metrics.ChannelsMetrics;
import io.sentisphere.pipeline.channels.metrics.ChannelsMetrics.Billable;
import io.sentisphere.pipeline.channels.protocol.ChannelName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Who is subscribed to what, presence members, and cache channels' last events; fans events out.
 * Knows nothing of WebSockets or HTTP: {@link Subscriber} is the only view of a socket.
 *
 * <p>Guarantees: a presence {@code member_added} is sent once per user (on the first socket of that
 * user) and {@code member_removed} once, after the user's last socket leaves; a subscriber never
 * receives its own client events nor an API event that named its {@code socket_id}. Counts what
 * Pusher would bill for each delivery ({@link Billable}); a subscriber finding a cache channel
 * empty is reported to {@code onCacheMiss} (the {@code cache_miss} webhook). Thread-safe:
 * membership changes lock one channel; publishing iterates a concurrent set without a lock, so a
 * socket subscribing while an event is published may or may not receive that event.
 */
public final class ChannelHub {

    private static final class Channel {
        final ChannelName name;
        final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
        /** Presence only: user id → (member, its sockets), in join order. Guarded by {@code this}. */
        final Map<String, Map.Entry<Member, Set<String>>> members = new LinkedHashMap<>();
        /** Presence only: socket id → user id. Guarded by {@code this}. */
        final Map<String, String> userOfSocket = new ConcurrentHashMap<>();

        volatile CachedEvent cached;

        Channel(ChannelName name) {
            this.name = name;
        }
    }

    private record CachedEvent(EncodedFrame frame, Instant expires) {}

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final ChannelsMetrics metrics;
    private final Duration cacheTtl;
    private final Clock clock;
    private final Consumer<String> onCacheMiss;

    public ChannelHub(ChannelsMetrics metrics, Duration cacheTtl, Clock clock) {
        this(metrics, cacheTtl, clock, channel -> {});
    }

    /**
     * @param onCacheMiss told the name of a cache channel that a subscriber found empty (it sent
     *     {@code pusher:cache_miss}); it must not block (the webhook sender queues)
     */
    public ChannelHub(ChannelsMetrics metrics, Duration cacheTtl, Clock clock, Consumer<String> onCacheMiss) {
        this.metrics = metrics;
        this.cacheTtl = cacheTtl;
        this.clock = clock;
        this.onCacheMiss = onCacheMiss;
    }

    /**
     * Subscribes and sends the subscriber its {@code subscription_succeeded} (with the member list on
     * presence channels), then, on cache channels, the last event or {@code pusher:cache_miss}.
     * Subscribing twice to the same channel is a no-op apart from the confirmation.
     *
     * @param member required for presence channels, ignored otherwise
     */
    public void subscribe(Subscriber subscriber, ChannelName name, Member member) {
        Channel channel = channels.computeIfAbsent(name.value(), n -> new Channel(name));
        synchronized (channel) {
            if (channels.get(name.value()) != channel) {
                // Removed concurrently after becoming empty: retry on a fresh one.
                subscribe(subscriber, name, member);
                return;
            }
            boolean added = channel.subscribers.add(subscriber);
            if (added) {
                subscriptions.incrementAndGet();
            }
            if (name.isPresence()) {
                Map.Entry<Member, Set<String>> entry = channel.members.get(member.userId());
                boolean newUser = entry == null;
                if (newUser) {
                    entry = Map.entry(member, ConcurrentHashMap.newKeySet());
                    channel.members.put(member.userId(), entry);
                }
                entry.getValue().add(subscriber.socketId());
                channel.userOfSocket.put(subscriber.socketId(), member.userId());
                List<Member> current =
                        channel.members.values().stream().map(Map.Entry::getKey).toList();
                deliver(subscriber, Frames.presenceSubscriptionSucceeded(name.value(), current));
                if (newUser) {
                    metrics.billable(
                            Billable.MEMBER_EVENT,
                            broadcast(channel, Frames.memberAdded(name.value(), member), subscriber.socketId()));
                }
            } else {
                deliver(subscriber, Frames.subscriptionSucceeded(name.value()));
            }
        }
        if (name.isCache()) {
            CachedEvent cached = channel.cached;
            if (cached != null && cached.expires().isAfter(clock.instant())) {
                deliver(subscriber, cached.frame());
                metrics.billable(Billable.DELIVERY, 1);
            } else {
                deliver(subscriber, Frames.cacheMiss(name.value()));
                onCacheMiss.accept(name.value());
            }
        }
    }

    /** Unsubscribes; on presence channels sends {@code member_removed} after the user's last socket. */
    public void unsubscribe(Subscriber subscriber, String channelName) {
        Channel channel = channels.get(channelName);
        if (channel == null) {
            return;
        }
        synchronized (channel) {
            if (!channel.subscribers.remove(subscriber)) {
                return;
            }
            subscriptions.decrementAndGet();
            if (channel.name.isPresence()) {
                String userId = channel.userOfSocket.remove(subscriber.socketId());
                Map.Entry<Member, Set<String>> entry = userId == null ? null : channel.members.get(userId);
                if (entry != null) {
                    entry.getValue().remove(subscriber.socketId());
                    if (entry.getValue().isEmpty()) {
                        channel.members.remove(userId);
                        metrics.billable(
                                Billable.MEMBER_EVENT,
                                broadcast(channel, Frames.memberRemoved(channelName, userId), null));
                    }
                }
            }
            if (channel.subscribers.isEmpty() && channel.cached == null) {
                channels.remove(channelName, channel);
            }
        }
    }

    /** Everything a closed socket leaves behind. */
    public void disconnect(Subscriber subscriber, Iterable<String> channelNames) {
        for (String name : channelNames) {
            unsubscribe(subscriber, name);
        }
    }

    /**
     * Sends an API event to every subscriber but {@code excludeSocketId}; keeps it as the cache
     * channel's last event. Returns how many sockets it was queued for.
     */
    public int publish(ChannelName name, String event, String data, String excludeSocketId) {
        // Encoded once; every subscriber (and later ones, from the cache) gets the same bytes.
        EncodedFrame frame = EncodedFrame.of(Frames.event(name.value(), event, data));
        Channel channel = name.isCache()
                ? channels.computeIfAbsent(name.value(), n -> new Channel(name))
                : channels.get(name.value());
        if (channel == null) {
            return 0;
        }
        if (name.isCache()) {
            channel.cached = new CachedEvent(frame, clock.instant().plus(cacheTtl));
        }
        long start = System.nanoTime();
        int sent = broadcast(channel, frame, excludeSocketId);
        metrics.fanOut(System.nanoTime() - start);
        metrics.billable(Billable.DELIVERY, sent);
        return sent;
    }

    /** Forwards a client event to the channel's other subscribers; the sender must be subscribed. */
    public boolean clientEvent(Subscriber sender, String channelName, String event, JsonNode data) {
        Channel channel = channels.get(channelName);
        if (channel == null || !channel.subscribers.contains(sender)) {
            return false;
        }
        String userId = channel.name.isPresence() ? channel.userOfSocket.get(sender.socketId()) : null;
        metrics.billable(Billable.CLIENT_EVENT, 1);
        metrics.billable(
                Billable.DELIVERY,
                broadcast(channel, Frames.clientEvent(channelName, event, data, userId), sender.socketId()));
        return true;
    }

    private int broadcast(Channel channel, String text, String excludeSocketId) {
        return broadcast(channel, EncodedFrame.of(text), excludeSocketId);
    }

    private int broadcast(Channel channel, EncodedFrame frame, String excludeSocketId) {
        int sent = 0;
        for (Subscriber subscriber : channel.subscribers) {
            if (!subscriber.socketId().equals(excludeSocketId)) {
                subscriber.send(frame);
                sent++;
            }
        }
        metrics.messagesOut(sent);
        return sent;
    }

    private void deliver(Subscriber subscriber, String frame) {
        deliver(subscriber, EncodedFrame.of(frame));
    }

    private void deliver(Subscriber subscriber, EncodedFrame frame) {
        subscriber.send(frame);
        metrics.messagesOut(1);
    }

    /** Drops cached events past their time to live (called periodically). */
    public void expireCache() {
        Instant now = clock.instant();
        channels.values().forEach(channel -> {
            CachedEvent cached = channel.cached;
            if (cached != null && !cached.expires().isAfter(now)) {
                synchronized (channel) {
                    channel.cached = null;
                    if (channel.subscribers.isEmpty()) {
                        channels.remove(channel.name.value(), channel);
                    }
                }
            }
        });
    }

    // --- queries for the HTTP API -------------------------------------------------------------

    /** Occupied channels (at least one subscriber) whose name starts with {@code prefix}, sorted. */
    public Map<String, ChannelInfo> occupied(String prefix) {
        Map<String, ChannelInfo> result = new TreeMap<>();
        channels.values().forEach(channel -> {
            if (!channel.subscribers.isEmpty()
                    && (prefix == null || channel.name.value().startsWith(prefix))) {
                result.put(channel.name.value(), info(channel));
            }
        });
        return result;
    }

    /** One channel's state; unoccupied channels report zero counts. */
    public ChannelInfo info(String name) {
        Channel channel = channels.get(name);
        return channel == null ? new ChannelInfo(false, 0, 0) : info(channel);
    }

    /** Presence members' ids, in join order; empty when nobody is there. */
    public List<String> users(String name) {
        Channel channel = channels.get(name);
        if (channel == null) {
            return List.of();
        }
        synchronized (channel) {
            return new ArrayList<>(channel.members.keySet());
        }
    }

    public int subscriptionCount() {
        return subscriptions.get();
    }

    private static ChannelInfo info(Channel channel) {
        int users;
        synchronized (channel) {
            users = channel.members.size();
        }
        int count = channel.subscribers.size();
        return new ChannelInfo(count > 0, count, users);
    }

    /** {@code user_count} is meaningful on presence channels only. */
    public record ChannelInfo(boolean occupied, int subscriptionCount, int userCount) {}
}

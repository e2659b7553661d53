package io.sentisphere.pipeline.service.kafka;

import java.time.Duration;

/**
 * The heartbeat interval of a consumer group whose members stand in for each other (stats-stream's
 * standby, broadcast-service's publisher lease). When a member dies, the survivor learns that the
 * group is rebalancing only at its next heartbeat, so a takeover waits the dead member's session
 * plus up to one interval. A thirtieth of the session (200 ms at the 6 s default, five small
 * requests a second per member) keeps that wait small; never under 100 ms.
 */
public final class GroupHeartbeat {

    private GroupHeartbeat() {}

    /** The {@code heartbeat.interval.ms} for a group member with this {@code session.timeout.ms}. */
    public static int intervalMillis(Duration sessionTimeout) {
        return (int) Math.max(100, sessionTimeout.toMillis() / 30);
    }
}

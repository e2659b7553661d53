package io.sentisphere.pipeline.channels.hub;

import tools.jackson.databind.JsonNode;

/** A presence channel member as the auth endpoint signed it: {@code user_id} and {@code user_info}. */
public record Member(String userId, JsonNode userInfo) {}

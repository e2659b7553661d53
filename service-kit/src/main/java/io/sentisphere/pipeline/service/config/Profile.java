package io.sentisphere.pipeline.service.config;

/**
 * Where a service runs. {@link #LOCAL} fills in the local defaults from docs/contract.md;
 * {@link #PRODUCTION} (the default, so a forgotten variable fails closed) requires every secret to
 * be set and refuses the local default values.
 */
public enum Profile {
    LOCAL,
    PRODUCTION
}

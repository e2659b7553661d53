package io.sentisphere.pipeline.stats.config;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of this JVM together: one shared LRU cache for
 * blocks, index and filter blocks, with memtables charged against the same budget
 * ({@value #MEMORY_CONFIG} bytes, a quarter of it for write buffers). This is the pattern Kafka
 * Streams documents for bounded memory; without it each store allocates its own caches.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Streams config key: the total budget in bytes. */
    public static final String MEMORY_CONFIG = "stats.rocksdb.memory.bytes";

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long total = Long.parseLong(String.valueOf(configs.get(MEMORY_CONFIG)));
        synchronized (BoundedRocksDbMemory.class) {
            if (cache == null) {
                cache = new LRUCache(total, -1, false, 0.1);
                writeBuffers = new WriteBufferManager(total / 4, cache);
            }
        }
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBuffers);
        options.setTableFormatConfig(table);
        options.setMaxWriteBufferNumber(2);
        // Kafka Streams skips the bloom filter on the last level (optimizeFiltersForHits), which suits
        // lookups that mostly find their key. Dedupe asks for ids that are almost never there: keep
        // filters on every level so a miss rarely reads a data block.
        options.setOptimizeFiltersForHits(false);
        // Streams' default memtable is 16 MiB with 2 MiB arena blocks, allocated per store even when
        // nearly empty (a dozen stores here, counting window segments) and outside the cache's
        // accounting until charged: small memtables keep the real footprint near the budget.
        options.setWriteBufferSize(Math.max(1024L * 1024, total / 4 / 8));
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager are shared by every store; they live as long as the JVM.
    }
}

package io.sentisphere.pipeline.stats.topology.stores;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The student set answers from memory but is only as durable as its store: what a previous instance
 * wrote is counted after a restart, and each new id reaches the store (and the count the meta store
 * keeps for earlier releases) as it is added.
 */
class StoredStudentsTest {

    final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
    final KeyValueStore<Long, Long> store = store("students", Serdes.Long(), Serdes.Long());
    final KeyValueStore<String, String> meta = store("meta", Serdes.String(), Serdes.String());

    @Test
    void aRestartCountsTheStudentsAPreviousInstanceStored() {
        StoredStudents before = new StoredStudents(store, meta);
        before.add(3);
        before.add(7);
        before.add(Long.MAX_VALUE);

        StoredStudents after = new StoredStudents(store, meta);

        assertThat(after.count()).isEqualTo(3);
        assertThat(after.add(7)).as("known from the store").isFalse();
        assertThat(after.add(Long.MAX_VALUE)).isFalse();
        assertThat(after.count()).isEqualTo(3);
    }

    @Test
    void aNewStudentIsWrittenThroughWithTheCount() {
        StoredStudents students = new StoredStudents(store, meta);

        assertThat(students.add(42)).isTrue();
        assertThat(students.add(42)).as("the same student again").isFalse();
        assertThat(students.add(-5)).isTrue();

        assertThat(students.count()).isEqualTo(2);
        assertThat(store.get(42L)).isNotNull();
        assertThat(store.get(-5L)).isNotNull();
        assertThat(meta.get(StoredStudents.COUNT_KEY)).isEqualTo("2");
    }

    private <K, V> KeyValueStore<K, V> store(String name, Serde<K> keys, Serde<V> values) {
        KeyValueStore<K, V> built = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
                .withLoggingDisabled()
                .build();
        built.init(context.getStateStoreContext(), built);
        return built;
    }
}

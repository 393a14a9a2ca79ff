package org.paperboy.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class StoreBehindTest {

    @Test
    void everyChunkIsStoredInOrderBeforeCloseReturns() {
        List<Integer> stored = new CopyOnWriteArrayList<>();
        try (StoreBehind<Integer> store = new StoreBehind<>(stored::addAll)) {
            for (int i = 0; i < 100; i++) {
                store.accept(List.of(i));
            }
        }
        assertThat(stored).hasSize(100).isSorted();
    }

    @Test
    void aFailedChunkStopsTheRestAndIsRethrown() {
        List<Integer> stored = new CopyOnWriteArrayList<>();
        StoreBehind<Integer> store = new StoreBehind<>(chunk -> {
            if (chunk.contains(3)) {
                throw new IllegalStateException("database error: disk full");
            }
            stored.addAll(chunk);
        });
        assertThatThrownBy(() -> {
            try (store) {
                for (int i = 0; i < 100; i++) {
                    store.accept(List.of(i));
                }
            }
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("disk full");
        assertThat(stored).containsExactly(0, 1, 2);
    }
}

package io.mytts.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataSplitTest {

    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(String.format("LJ%03d-%04d", i / 100, i % 100));
        }
        return ids;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void holdsOutTheRequestedNumberIndependentlyOfOrder(long seed) {
        List<String> ids = ids(200);
        DataSplit a = DataSplit.bySeed(ids, 10, seed);
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(seed));
        DataSplit b = DataSplit.bySeed(shuffled, 10, seed);
        assertThat(a.validation()).hasSize(10).containsExactlyInAnyOrderElementsOf(b.validation());
        assertThat(a.train()).hasSize(190).doesNotContainAnyElementsOf(a.validation());
        assertThat(DataSplit.bySeed(ids, 10, seed + 100).validation()).isNotEqualTo(a.validation());
    }

    @Test
    void addingItemsMovesFewIds() {
        DataSplit small = DataSplit.bySeed(ids(200), 20, 9);
        DataSplit large = DataSplit.bySeed(ids(220), 20, 9);
        long kept = small.validation().stream().filter(large.validation()::contains).count();
        assertThat(kept).isGreaterThanOrEqualTo(15);
    }

    @Test
    void alwaysLeavesSomethingToTrainOn() {
        DataSplit s = DataSplit.bySeed(ids(3), 10, 1);
        assertThat(s.train()).hasSize(1);
        assertThat(s.validation()).hasSize(2);
    }

    @Test
    void byIdsKeepsListedIdsAndRejectsUnknownOnes() {
        DataSplit s = DataSplit.byIds(ids(5), List.of("LJ000-0003"));
        assertThat(s.validation()).containsExactly("LJ000-0003");
        assertThat(s.train()).hasSize(4);
        assertThatThrownBy(() -> DataSplit.byIds(ids(5), List.of("LJ999-0001")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("LJ999-0001");
    }
}

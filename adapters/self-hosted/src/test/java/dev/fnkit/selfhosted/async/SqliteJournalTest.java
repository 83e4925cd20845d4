package dev.fnkit.selfhosted.async;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQLite journal: durability across reopening, leases, partition order, dead letters, idempotency, pruning. */
class SqliteJournalTest {
    @TempDir
    Path dir;

    private static Call call(String id, String function, String idempotencyKey, String partitionKey) {
        return new Call(id, "async", function, "POST", "/orders?x=1", Map.of("content-type", List.of("text/plain")),
                id.getBytes(StandardCharsets.UTF_8), idempotencyKey, "http://127.0.0.1:1/cb", partitionKey, 0, 1_000);
    }

    private static List<String> ids(List<Call> calls) {
        return calls.stream().map(Call::id).toList();
    }

    @Test
    void storedCallsSurviveReopeningAndLeasedOnesAreDeliveredAgain() {
        Path file = dir.resolve("journal.db");
        try (SqliteJournal journal = SqliteJournal.open(file)) {
            journal.append(List.of(call("a", "f", null, null), call("b", "f", null, null))).join();
            journal.append(List.of(call("c", "f", null, null))).join();
            assertThat(ids(journal.claim(5_000, 2).join())).containsExactly("a", "b");
            assertThat(Files.exists(dir.resolve("journal.db-wal"))).as("WAL mode").isTrue();
        }
        try (SqliteJournal journal = SqliteJournal.open(file)) {
            assertThat(journal.depth().join()).isEqualTo(new Depth(1, 2, 0));
            journal.recover();
            List<Call> calls = journal.claim(5_000, 10).join();
            assertThat(ids(calls)).containsExactly("a", "b", "c");
            Call a = calls.get(0);
            assertThat(a.headers()).containsEntry("content-type", List.of("text/plain"));
            assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("a");
            assertThat(a.path()).isEqualTo("/orders?x=1");
            assertThat(a.callbackUrl()).isEqualTo("http://127.0.0.1:1/cb");
        }
    }

    @Test
    void anIdempotencyKeyStoresOneCallPerFunction() {
        try (SqliteJournal journal = SqliteJournal.open(dir.resolve("journal.db"))) {
            assertThat(journal.append(List.of(call("a", "f", "k", null))).join())
                    .containsExactly(new Accepted("a", false));
            assertThat(journal.append(List.of(call("b", "f", "k", null))).join())
                    .containsExactly(new Accepted("a", true));
            assertThat(journal.append(List.of(call("c", "g", "k", null))).join())
                    .containsExactly(new Accepted("c", false));
            assertThat(journal.depth().join().pending()).isEqualTo(2);
        }
    }

    @Test
    void callsOfOnePartitionAreLeasedOneAtATimeInOrderAcrossRetries() {
        try (SqliteJournal journal = SqliteJournal.open(dir.resolve("journal.db"))) {
            journal.append(List.of(call("p1-a", "f", null, "p1"), call("p1-b", "f", null, "p1"),
                    call("p2-a", "f", null, "p2"), call("other", "g", null, "p1"))).join();
            assertThat(ids(journal.claim(5_000, 10).join())).containsExactly("p1-a", "p2-a", "other");
            journal.settle(List.of(new Settlement("p1-a", Settlement.Outcome.RETRY, 1, 503, "busy", 9_000),
                    new Settlement("p2-a", Settlement.Outcome.DONE, 1, 200, null, 5_000))).join();
            assertThat(journal.claim(5_000, 10).join()).as("p1-b waits for p1-a's retry").isEmpty();
            assertThat(ids(journal.claim(9_000, 10).join())).containsExactly("p1-a");
            journal.settle(List.of(new Settlement("p1-a", Settlement.Outcome.DONE, 2, 200, null, 9_000))).join();
            List<Call> next = journal.claim(9_000, 10).join();
            assertThat(ids(next)).containsExactly("p1-b");
        }
    }

    @Test
    void deadLettersAreListedAndRedriven() {
        try (SqliteJournal journal = SqliteJournal.open(dir.resolve("journal.db"))) {
            journal.append(List.of(call("a", "f", null, null), call("b", "f", null, null))).join();
            journal.claim(5_000, 10).join();
            journal.settle(List.of(new Settlement("a", Settlement.Outcome.DEAD, 10, 500, "boom", 6_000),
                    new Settlement("b", Settlement.Outcome.DEAD, 10, 0, "instance failed", 7_000))).join();
            List<DeadLetter> dead = journal.deadLetters(10).join();
            assertThat(dead).extracting(d -> d.call().id()).containsExactly("a", "b");
            assertThat(dead.get(0).status()).isEqualTo(500);
            assertThat(dead.get(0).error()).isEqualTo("boom");
            assertThat(dead.get(0).call().attempts()).isEqualTo(10);
            assertThat(journal.depth().join()).isEqualTo(new Depth(0, 0, 2));
            assertThat(journal.redrive(Optional.of("missing"), 8_000).join()).isZero();
            assertThat(journal.redrive(Optional.of("a"), 8_000).join()).isEqualTo(1);
            List<Call> again = journal.claim(8_000, 10).join();
            assertThat(ids(again)).containsExactly("a");
            assertThat(again.get(0).attempts()).isZero();
            assertThat(journal.redrive(Optional.empty(), 8_000).join()).isEqualTo(1);
        }
    }

    @Test
    void completedCallsArePrunedWithTheirIdempotencyKeys() {
        try (SqliteJournal journal = SqliteJournal.open(dir.resolve("journal.db"))) {
            journal.append(List.of(call("a", "f", "k", null), call("b", "f", null, null))).join();
            journal.claim(5_000, 10).join();
            journal.settle(List.of(new Settlement("a", Settlement.Outcome.DONE, 1, 200, null, 6_000))).join();
            assertThat(journal.prune(6_000).join()).isZero();
            assertThat(journal.prune(6_001).join()).isEqualTo(1);
            assertThat(journal.append(List.of(call("c", "f", "k", null))).join())
                    .containsExactly(new Accepted("c", false));
            journal.state("schedule:nightly", "2026-03-01T02:00:00Z").join();
            assertThat(journal.state("schedule:nightly").join()).contains("2026-03-01T02:00:00Z");
            assertThat(journal.state("nothing").join()).isEmpty();
        }
    }
}

package dev.fnkit.selfhosted.async;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.fnkit.core.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The journal in an embedded SQLite database in WAL mode with full synchronisation, so a committed call survives a
 * crash of the process or the machine. One thread owns the connection and commits whatever work has queued up in
 * one transaction (group commit): many concurrent submissions share one disk sync.
 */
public final class SqliteJournal implements Journal {
    private static final int MAX_GROUP = 512;
    private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, kind, function, method, path, headers, body, idempotency_key,"
            + " callback_url, partition_key, attempts, created_at";
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS calls (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                function TEXT NOT NULL,
                method TEXT NOT NULL,
                path TEXT NOT NULL,
                headers TEXT NOT NULL,
                body BLOB NOT NULL,
                idempotency_key TEXT,
                callback_url TEXT,
                partition_key TEXT,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_at INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                finished_at INTEGER,
                status INTEGER,
                error TEXT);
            CREATE UNIQUE INDEX IF NOT EXISTS calls_idempotency ON calls (function, idempotency_key)
                WHERE idempotency_key IS NOT NULL;
            CREATE INDEX IF NOT EXISTS calls_due ON calls (state, next_at);
            CREATE INDEX IF NOT EXISTS calls_partition ON calls (function, partition_key, seq)
                WHERE partition_key IS NOT NULL;
            CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """;

    private final Connection connection;
    private final LinkedBlockingQueue<Task<?>> tasks = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private record Task<T>(Work<T> work, CompletableFuture<T> result) {
    }

    private SqliteJournal(Connection connection) {
        this.connection = connection;
        this.writer = new Thread(this::write, "fnkit-journal");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens (creating when needed) the journal database at this file.
     *
     * @throws UncheckedIOException when it cannot be opened
     */
    public static SqliteJournal open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection connection = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file.toAbsolutePath(),
                    new Properties());
            try (Statement statement = connection.createStatement()) {
                try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode=WAL")) {
                    if (!mode.next() || !mode.getString(1).equalsIgnoreCase("wal")) {
                        throw new SQLException("the database does not support WAL mode");
                    }
                }
                statement.execute("PRAGMA synchronous=FULL");
                statement.execute("PRAGMA busy_timeout=5000");
                for (String sql : SCHEMA.split(";")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
            }
            connection.setAutoCommit(false);
            return new SqliteJournal(connection);
        } catch (SQLException e) {
            throw new UncheckedIOException("cannot open the journal " + file + ": " + e.getMessage(),
                    new IOException(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CompletableFuture<List<Accepted>> append(List<Call> calls) {
        return submit(c -> {
            List<Accepted> accepted = new ArrayList<>(calls.size());
            for (Call call : calls) {
                String earlier = call.idempotencyKey() == null ? null : earlier(c, call);
                if (earlier != null) {
                    accepted.add(new Accepted(earlier, true));
                    continue;
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO calls (" + COLUMNS
                        + ", state, next_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)")) {
                    insert.setString(1, call.id());
                    insert.setString(2, call.kind());
                    insert.setString(3, call.function());
                    insert.setString(4, call.method());
                    insert.setString(5, call.path());
                    insert.setString(6, new String(Json.encode(call.headers()), StandardCharsets.UTF_8));
                    insert.setBytes(7, call.body());
                    insert.setString(8, call.idempotencyKey());
                    insert.setString(9, call.callbackUrl());
                    insert.setString(10, call.partitionKey());
                    insert.setInt(11, call.attempts());
                    insert.setLong(12, call.createdAt());
                    insert.setLong(13, call.createdAt());
                    insert.executeUpdate();
                }
                accepted.add(new Accepted(call.id(), false));
            }
            return accepted;
        });
    }

    private static String earlier(Connection c, Call call) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT id FROM calls WHERE function = ? AND idempotency_key = ?")) {
            query.setString(1, call.function());
            query.setString(2, call.idempotencyKey());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    @Override
    public CompletableFuture<List<Call>> claim(long now, int limit) {
        return submit(c -> {
            List<Call> calls = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT seq, " + COLUMNS + " FROM calls c"
                    + " WHERE state = 'pending' AND next_at <= ? AND (partition_key IS NULL OR NOT EXISTS ("
                    + "SELECT 1 FROM calls d WHERE d.function = c.function AND d.partition_key = c.partition_key"
                    + " AND d.seq < c.seq AND d.state IN ('pending', 'leased')))"
                    + " ORDER BY next_at, seq LIMIT ?")) {
                query.setLong(1, now);
                query.setInt(2, limit);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        seqs.add(rows.getLong(1));
                        calls.add(call(rows, 2));
                    }
                }
            }
            try (PreparedStatement lease = c.prepareStatement("UPDATE calls SET state = 'leased' WHERE seq = ?")) {
                for (long seq : seqs) {
                    lease.setLong(1, seq);
                    lease.addBatch();
                }
                lease.executeBatch();
            }
            return calls;
        });
    }

    private static Call call(ResultSet rows, int first) throws SQLException {
        return new Call(rows.getString(first), rows.getString(first + 1), rows.getString(first + 2),
                rows.getString(first + 3), rows.getString(first + 4),
                Json.mapper().convertValue(Json.tree(rows.getBytes(first + 5)), HEADERS), rows.getBytes(first + 6),
                rows.getString(first + 7), rows.getString(first + 8), rows.getString(first + 9),
                rows.getInt(first + 10), rows.getLong(first + 11));
    }

    @Override
    public CompletableFuture<Void> settle(List<Settlement> settlements) {
        return submit(c -> {
            try (PreparedStatement finish = c.prepareStatement("UPDATE calls SET state = ?, attempts = ?, status = ?,"
                    + " error = ?, finished_at = ? WHERE id = ?");
                 PreparedStatement retry = c.prepareStatement("UPDATE calls SET state = 'pending', attempts = ?,"
                         + " status = ?, error = ?, next_at = ? WHERE id = ?")) {
                for (Settlement s : settlements) {
                    if (s.outcome() == Settlement.Outcome.RETRY) {
                        retry.setInt(1, s.attempts());
                        retry.setInt(2, s.status());
                        retry.setString(3, s.error());
                        retry.setLong(4, s.at());
                        retry.setString(5, s.id());
                        retry.addBatch();
                    } else {
                        finish.setString(1, s.outcome() == Settlement.Outcome.DONE ? "done" : "dead");
                        finish.setInt(2, s.attempts());
                        finish.setInt(3, s.status());
                        finish.setString(4, s.error());
                        finish.setLong(5, s.at());
                        finish.setString(6, s.id());
                        finish.addBatch();
                    }
                }
                retry.executeBatch();
                finish.executeBatch();
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<List<DeadLetter>> deadLetters(int limit) {
        return submit(c -> {
            List<DeadLetter> dead = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + ", status, error, finished_at"
                    + " FROM calls WHERE state = 'dead' ORDER BY finished_at, seq LIMIT ?")) {
                query.setInt(1, limit);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        dead.add(new DeadLetter(call(rows, 1), rows.getInt(13), rows.getString(14),
                                rows.getLong(15)));
                    }
                }
            }
            return dead;
        });
    }

    @Override
    public CompletableFuture<Integer> redrive(Optional<String> id, long now) {
        return submit(c -> {
            String one = id.isPresent() ? " AND id = ?" : "";
            try (PreparedStatement update = c.prepareStatement("UPDATE calls SET state = 'pending', attempts = 0,"
                    + " next_at = ?, finished_at = NULL WHERE state = 'dead'" + one)) {
                update.setLong(1, now);
                if (id.isPresent()) {
                    update.setString(2, id.get());
                }
                return update.executeUpdate();
            }
        });
    }

    @Override
    public CompletableFuture<Depth> depth() {
        return submit(c -> {
            long pending = 0;
            long leased = 0;
            long dead = 0;
            try (PreparedStatement query = c.prepareStatement("SELECT state, count(*) FROM calls"
                    + " WHERE state IN ('pending', 'leased', 'dead') GROUP BY state");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    switch (rows.getString(1)) {
                        case "pending" -> pending = rows.getLong(2);
                        case "leased" -> leased = rows.getLong(2);
                        default -> dead = rows.getLong(2);
                    }
                }
            }
            return new Depth(pending, leased, dead);
        });
    }

    @Override
    public CompletableFuture<Integer> prune(long before) {
        return submit(c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM calls WHERE state = 'done' AND finished_at < ?")) {
                delete.setLong(1, before);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public CompletableFuture<Optional<String>> state(String key) {
        return submit(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT value FROM state WHERE key = ?")) {
                query.setString(1, key);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public CompletableFuture<Void> state(String key, String value) {
        return submit(c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO state (key, value) VALUES (?, ?)"
                    + " ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
                upsert.setString(1, key);
                upsert.setString(2, value);
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void recover() {
        submit(c -> {
            try (Statement statement = c.createStatement()) {
                return statement.executeUpdate("UPDATE calls SET state = 'pending' WHERE state = 'leased'");
            }
        }).join();
    }

    /** Stops after the work already queued; later calls fail. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        tasks.add(new Task<>(c -> null, new CompletableFuture<>()));
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to keep
        }
    }

    private <T> CompletableFuture<T> submit(Work<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("the journal is closed"));
            return result;
        }
        tasks.add(new Task<>(work, result));
        return result;
    }

    private void write() {
        List<Task<?>> group = new ArrayList<>();
        while (true) {
            try {
                group.add(tasks.take());
            } catch (InterruptedException e) {
                return;
            }
            tasks.drainTo(group, MAX_GROUP - 1);
            commit(group);
            group.clear();
            if (closed && tasks.isEmpty()) {
                return;
            }
        }
    }

    /** Runs the group in one transaction; when that fails, each task alone, so one bad task fails only itself. */
    private void commit(List<Task<?>> group) {
        List<Object> values = new ArrayList<>(group.size());
        try {
            for (Task<?> task : group) {
                values.add(task.work().run(connection));
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollback();
            if (group.size() == 1) {
                group.get(0).result().completeExceptionally(e);
                return;
            }
            for (Task<?> task : group) {
                commit(List.of(task));
            }
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            complete(group.get(i), values.get(i));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Task<T> task, Object value) {
        task.result().complete((T) value);
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the next commit reports a broken connection
        }
    }
}

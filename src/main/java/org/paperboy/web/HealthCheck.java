package org.paperboy.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * One thing {@code /healthz} reports on: the database, the scheduler, the last run. Any part of
 * Paperboy can supply one; a check that throws counts as down, with its message.
 */
public interface HealthCheck {

    /** What a check found. DOWN makes {@code /healthz} answer 503; DEGRADED is shown but answers 200. */
    enum State { UP, DEGRADED, DOWN }

    /** @param detail one line for the operator; never a secret */
    record Result(State state, String detail) {

        public static Result up(String detail) {
            return new Result(State.UP, detail);
        }

        public static Result degraded(String detail) {
            return new Result(State.DEGRADED, detail);
        }

        public static Result down(String detail) {
            return new Result(State.DOWN, detail);
        }
    }

    /** A short name such as {@code database}: the key in the answer. */
    String name();

    Result check();

    static HealthCheck of(String name, Supplier<Result> check) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result check() {
                return check.get();
            }
        };
    }

    /** The database answers a validity check within two seconds. */
    static HealthCheck database(DataSource data) {
        return of("database", () -> {
            try (Connection c = data.getConnection()) {
                return c.isValid(2) ? Result.up("reachable") : Result.down("the connection did not validate");
            } catch (SQLException e) {
                return Result.down("unreachable: " + e.getMessage());
            }
        });
    }
}

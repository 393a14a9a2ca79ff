package org.paperboy.delivery;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The papers each reader was sent in the {@code delivery.historyDays} days before a date, which
 * their next digest leaves out; one per plan. The outbox is asked only which variant each reader
 * got on each of those days; each variant's papers are read and parsed once per plan, and readers
 * who got the same variants share one set of paper ids (so equal histories are the same object, and
 * the planner's cache of ranked digests compares them at no cost). What a year of history adds to a
 * plan is bounded by the days asked for, whatever the outbox holds.
 */
final class History {

    /** Variants and unions kept per plan before the caches start over (a list whose readers all voted has a variant each). */
    private static final int MAX_KEPT = 200_000;

    private final Outbox outbox;
    private final List<LocalDate> days;
    private final Map<Outbox.SentVariant, Set<String>> papers = new HashMap<>();
    private final Map<List<Outbox.SentVariant>, Set<String>> unions = new HashMap<>();
    private final Map<String, String> ids = new HashMap<>();

    /** The history of the {@code historyDays} days before the date. */
    History(Outbox outbox, LocalDate date, int historyDays) {
        this.outbox = outbox;
        List<LocalDate> before = new ArrayList<>(historyDays);
        for (int d = historyDays; d >= 1; d--) {
            before.add(date.minusDays(d));
        }
        this.days = List.copyOf(before);
    }

    /** The paper ids each of these readers was sent in the days before the date; a reader sent nothing is left out. */
    Map<Long, Set<String>> of(List<Long> readers) {
        Map<Long, List<Outbox.SentVariant>> sent = outbox.sentVariants(readers, days);
        if (papers.size() > MAX_KEPT || unions.size() > MAX_KEPT) {
            papers.clear();
            unions.clear();
            ids.clear();
        }
        load(sent);
        Map<Long, Set<String>> history = new HashMap<>();
        sent.forEach((reader, variants) -> history.put(reader, unions.computeIfAbsent(List.copyOf(variants), this::union)));
        return history;
    }

    /** Reads the papers of the variants not read yet, one query per date and up to 500 variants. */
    private void load(Map<Long, List<Outbox.SentVariant>> sent) {
        Map<LocalDate, Set<String>> missing = new HashMap<>();
        for (List<Outbox.SentVariant> variants : sent.values()) {
            for (Outbox.SentVariant v : variants) {
                if (!papers.containsKey(v)) {
                    missing.computeIfAbsent(v.date(), k -> new HashSet<>()).add(v.key());
                }
            }
        }
        missing.forEach((date, keys) -> {
            Map<String, List<String>> found = outbox.variantPapers(date, keys);
            for (String key : keys) {
                List<String> paperIds = found.getOrDefault(key, List.of());
                Set<String> set = new HashSet<>(paperIds.size() * 2);
                paperIds.forEach(id -> set.add(ids.computeIfAbsent(id, k -> k)));
                papers.put(new Outbox.SentVariant(date, key), Collections.unmodifiableSet(set));
            }
        });
    }

    private Set<String> union(List<Outbox.SentVariant> variants) {
        if (variants.size() == 1) {
            return papers.get(variants.get(0));
        }
        Set<String> all = new HashSet<>();
        variants.forEach(v -> all.addAll(papers.get(v)));
        return Collections.unmodifiableSet(all);
    }
}

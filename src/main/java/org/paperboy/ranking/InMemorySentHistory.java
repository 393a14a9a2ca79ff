package org.paperboy.ranking;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SentHistory} kept in memory: for tests, previews and dry runs. */
public final class InMemorySentHistory implements SentHistory {

    private final Map<String, Set<String>> sent = new ConcurrentHashMap<>();

    public void record(String subscriber, Collection<String> paperIds) {
        sent.computeIfAbsent(subscriber, s -> ConcurrentHashMap.newKeySet()).addAll(paperIds);
    }

    @Override
    public Set<String> sentTo(String subscriber) {
        return Set.copyOf(sent.getOrDefault(subscriber, new HashSet<>()));
    }
}

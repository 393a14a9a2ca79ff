package org.paperboy.ranking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader's votes as the ranker needs them: the latest vote on each paper, at most
 * {@link #MAX_VOTES} of the newest, kept sorted by paper id. Two readers with the same votes have
 * equal tastes whatever the order they voted in, so a taste is a cheap cache key beside
 * {@link Preferences}; every reader without votes has {@link #NONE} and shares today's digest.
 *
 * @param votes the votes, sorted by paper id
 */
public record Taste(List<Vote> votes) {

    public static final Taste NONE = new Taste(List.of());
    /** The newest votes a taste keeps; older ones are forgotten. */
    public static final int MAX_VOTES = 200;

    /** @param votes oldest first; a later vote on the same paper replaces an earlier one */
    public Taste {
        Map<String, Vote> latest = new LinkedHashMap<>();
        for (Vote vote : votes == null ? List.<Vote>of() : votes) {
            latest.remove(vote.paperId());
            latest.put(vote.paperId(), vote);
        }
        List<Vote> kept = new ArrayList<>(latest.values());
        kept = kept.subList(Math.max(0, kept.size() - MAX_VOTES), kept.size());
        kept.sort(Comparator.comparing(Vote::paperId));
        votes = List.copyOf(kept);
    }

    public static Taste of(List<Vote> votes) {
        return votes == null || votes.isEmpty() ? NONE : new Taste(votes);
    }

    public boolean isEmpty() {
        return votes.isEmpty();
    }

    /** Whether the reader voted "More like this" on this paper (true), "Fewer like this" (false), or not at all (null). */
    public Boolean voteOn(String paperId) {
        for (Vote vote : votes) {
            if (vote.paperId().equals(paperId)) {
                return vote.more();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "Taste" + votes;
    }
}

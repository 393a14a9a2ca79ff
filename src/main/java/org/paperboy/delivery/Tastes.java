package org.paperboy.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperboy.ranking.PaperVectors;
import org.paperboy.ranking.Ranker;
import org.paperboy.ranking.Taste;
import org.paperboy.ranking.Vote;
import org.paperboy.subscribers.Votes;

/**
 * Readers' votes as the ranker takes them, for a run: who voted is read once, and only voters' votes
 * are read, a batch at a time, each vote with its paper's stored vector (or the day's, for a paper
 * of the day). Readers who never voted get {@link Taste#NONE} and keep sharing their digests.
 */
final class Tastes {

    private final Votes votes;
    private final Set<Long> voters;

    Tastes(Votes votes) {
        this.votes = votes;
        this.voters = votes.voters();
    }

    boolean voted(long readerId) {
        return voters.contains(readerId);
    }

    /** The tastes of the voters among these readers; the others are absent. */
    Map<Long, Taste> of(Collection<Long> readerIds, Ranker ranker) {
        List<Long> voting = readerIds.stream().filter(voters::contains).toList();
        Map<Long, Taste> tastes = new HashMap<>();
        if (voting.isEmpty()) {
            return tastes;
        }
        votes.forReaders(voting).forEach((id, list) -> tastes.put(id, taste(list, ranker)));
        return tastes;
    }

    /** One reader's taste: {@link Taste#NONE} when they never voted. */
    Taste of(long readerId, Ranker ranker) {
        return voted(readerId) ? of(List.of(readerId), ranker).getOrDefault(readerId, Taste.NONE) : Taste.NONE;
    }

    private static Taste taste(List<Votes.Vote> latestFirst, Ranker ranker) {
        List<Vote> oldestFirst = new ArrayList<>(latestFirst.size());
        for (int i = latestFirst.size() - 1; i >= 0; i--) {
            Votes.Vote v = latestFirst.get(i);
            float[] vector = v.vector() != null && ranker.representation().equals(v.model()) ? PaperVectors.decode(v.vector())
                    : ranker.vector(v.paperId());
            oldestFirst.add(new Vote(v.paperId(), v.title(), v.more(), vector));
        }
        return Taste.of(oldestFirst);
    }

    /** What a taste adds to a digest variant's key: nothing for no votes, so non-voters' keys are today's. */
    static String key(Taste taste) {
        if (taste.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (Vote v : taste.votes()) {
            s.append(v.more() ? '+' : '-').append(v.paperId()).append('\n');
        }
        try {
            return "|votes:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.paperboy.ranking;

import java.util.Objects;

/**
 * One "More like this" or "Fewer like this" a reader pressed under a paper of their mail.
 *
 * @param paperId the paper's id
 * @param title   its title, for the reasons ({@code like "RobustDexGrasp", which you liked})
 * @param more    true for "More like this", false for "Fewer like this"
 * @param vector  the paper's stored {@link PaperVectors} vector, or null when unknown (then the
 *                vote only counts when the paper is among the day's papers)
 */
public record Vote(String paperId, String title, boolean more, float[] vector) {

    public Vote {
        Objects.requireNonNull(paperId, "a vote needs a paper id");
        title = title == null ? "" : title.strip();
    }

    /** Equal when on the same paper the same way: the vector and title follow from the paper. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Vote v && v.more == more && v.paperId.equals(paperId);
    }

    @Override
    public int hashCode() {
        return paperId.hashCode() * 31 + (more ? 1 : 0);
    }

    @Override
    public String toString() {
        return (more ? "+" : "-") + paperId;
    }
}

package org.paperboy.papers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Folds the papers of every source into one {@link Paper} each. Two entries are the same paper
 * when their arXiv ids agree, or, where either lacks one, when their titles reduce to the same
 * lower-case letters and digits. The merged paper keeps each field from the first source that
 * had it, so a title-only entry takes the seed page's date and upvotes.
 */
final class PaperMerger implements Consumer<Paper> {

    private final Map<String, Integer> byArxivId = new HashMap<>();
    private final Map<String, Integer> byTitle = new HashMap<>();
    private final List<Paper> merged = new ArrayList<>();
    private int entries;

    @Override
    public void accept(Paper paper) {
        entries++;
        String titleKey = Titles.mergeKey(paper.title());
        Integer index = paper.arxivId() != null ? byArxivId.get(paper.arxivId()) : null;
        if (index == null) {
            index = byTitle.get(titleKey);
        }
        if (index == null) {
            index = merged.size();
            merged.add(paper);
        } else {
            merged.set(index, merge(merged.get(index), paper));
        }
        byTitle.putIfAbsent(titleKey, index);
        Paper now = merged.get(index);
        if (now.arxivId() != null) {
            byArxivId.putIfAbsent(now.arxivId(), index);
        }
    }

    /** How many entries the sources held before merging. */
    int entries() {
        return entries;
    }

    /** The merged papers in first-seen order, with slug ids made unique. */
    List<Paper> papers() {
        Map<String, Integer> seen = new HashMap<>();
        List<Paper> result = new ArrayList<>(merged.size());
        for (Paper paper : merged) {
            int n = seen.merge(paper.id(), 1, Integer::sum);
            result.add(n == 1 ? paper : withId(paper, paper.id() + "-" + n));
        }
        return result;
    }

    static Paper merge(Paper a, Paper b) {
        String id = a.arxivId() != null ? a.id() : b.arxivId() != null ? b.id() : a.id();
        List<String> authors = a.authors().size() >= b.authors().size() ? a.authors() : b.authors();
        return new Paper(id, a.title(), a.abstractText().isEmpty() ? b.abstractText() : a.abstractText(), authors,
                Math.max(a.authorCount(), b.authorCount()), first(a.published(), b.published()),
                first(a.upvotes(), b.upvotes()), first(a.organization(), b.organization()),
                union(a.keywords(), b.keywords()), a.links().orElse(b.links()), union(a.sources(), b.sources()),
                a.extras().orElse(b.extras()));
    }

    private static Paper withId(Paper p, String id) {
        return new Paper(id, p.title(), p.abstractText(), p.authors(), p.authorCount(), p.published(), p.upvotes(),
                p.organization(), p.keywords(), p.links(), p.sources(), p.extras());
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }

    private static List<String> union(List<String> a, List<String> b) {
        LinkedHashSet<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}

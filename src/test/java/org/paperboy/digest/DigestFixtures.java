package org.paperboy.digest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.paperboy.papers.Links;
import org.paperboy.papers.Paper;
import org.paperboy.ranking.Digest;
import org.paperboy.ranking.Preferences;
import org.paperboy.ranking.RankedPaper;
import org.paperboy.ranking.Section;

/** Digests built by hand for rendering tests. */
final class DigestFixtures {

    static final LocalDate DAY = LocalDate.of(2025, 11, 20);

    private DigestFixtures() {
    }

    static RankedPaper ranked(Paper paper, List<String> highlights) {
        return new RankedPaper(paper, "rl", "Reinforcement learning", 1.5,
                List.of("#2 today", "12 upvotes", "your topic: Reinforcement learning", "mentions \"policy\""), highlights);
    }

    static Paper paper(String id, String title, String abstractText, Links links) {
        return new Paper(id, title, abstractText, List.of("Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"), 4,
                DAY.minusDays(2), 12, "Example Lab", List.of(), links, List.of("test"));
    }

    static Digest oneSection(RankedPaper... papers) {
        return new Digest(DAY, Preferences.NONE, List.of(new Section("top", "Top papers", List.of(papers))));
    }

    /** The largest digest the default limits allow, every field at a generous length. */
    static Digest worstCase() {
        String longTitle = "A Very Long Title About Reinforcement Learning Policies ".repeat(3).strip();
        String longAbstract = "We study policies and rewards in many settings with great care and at length. ".repeat(20);
        String[] words = {"Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta"};
        List<Section> sections = new ArrayList<>();
        int n = 0;
        for (int s = 0; s < 7; s++) {
            List<RankedPaper> papers = new ArrayList<>();
            for (int i = 0; i < (s == 0 ? 3 : 4) && n < 25; i++, n++) {
                Links links = new Links("https://huggingface.co/papers/2511.0" + (1000 + n), "https://arxiv.org/abs/2511.0" + (1000 + n),
                        "https://arxiv.org/pdf/2511.0" + (1000 + n), "https://project-page.example.org/a/rather/long/path/" + n,
                        "https://github.com/some-organization/some-repository-" + n);
                Paper p = new Paper("2511.0" + (1000 + n), words[n % words.length] + ": " + longTitle, longAbstract,
                        List.of("Firstname Lastname-Longname", "Another Quite-Long Name", "Third Author Name"), 25, DAY, 1234,
                        "The Very Long Name of a Research Organization", List.of(), links, List.of("x"), new Paper.Extras(
                        "A long one-line summary of what the paper does, as Hugging Face writes it, about two lines in a mail.",
                        "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2511.0" + (1000 + n) + ".png", 123, 45678));
                papers.add(new RankedPaper(p, "rl", "Reinforcement learning", 2.5, List.of(
                        "#10 today", "1234 upvotes", "your topic: Reinforcement learning", "your keywords \"policy\", \"reward\""),
                        List.of("policy", "reward", "reinforcement learning")));
            }
            if (!papers.isEmpty()) {
                sections.add(new Section(s == 0 ? "top" : "topic" + s, s == 0 ? "Top papers" : "Topic number " + s, papers));
            }
        }
        return new Digest(DAY, Preferences.of(List.of("rl"), List.of("policy", "reward")), sections);
    }
}

package org.paperboy.web;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.paperboy.subscribers.Status;
import org.paperboy.subscribers.SubscriptionService;
import org.paperboy.subscribers.Votes;

/**
 * The pages behind "More like this" and "Fewer like this" under each paper of a mail. The token
 * is signed for the reader and the paper. A GET only shows the paper, where the reader stands (their
 * current vote, and whether they get a digest at all) and one button, so link scanners and prefetchers never vote; the POST records the vote (the same vote
 * again changes nothing), and offers undo and the preferences page. No login.
 */
final class VotePages {

    private final SubscriptionService subscriptions;
    private final Votes votes;
    private final Pages pages;
    private final Clock clock;

    VotePages(SubscriptionService subscriptions, Votes votes, Pages pages, Clock clock) {
        this.subscriptions = subscriptions;
        this.votes = votes;
        this.pages = pages;
        this.clock = clock;
    }

    /** {@code page} is more, fewer or undo. */
    void page(Exchange ex, String page, String token) throws IOException {
        Optional<SubscriptionService.VoteLink> link = subscriptions.byVoteToken(token);
        if (link.isEmpty()) {
            badLink(ex);
            return;
        }
        long reader = link.get().reader().id();
        String paper = link.get().paperId();
        Optional<Boolean> current = votes.current(reader, paper);
        Map<String, Object> model = model(link.get(), token);
        if (page.equals("undo")) {
            model.put("title", "Undo your vote");
            if (current.isEmpty()) {
                model.put("state", "You have not voted on this paper.");
            } else {
                model.put("state", "You asked for " + (current.get() ? "more" : "fewer") + " papers like this one.");
                model.put("action", "/undo/" + token);
                model.put("button", "Undo my vote");
            }
        } else {
            boolean more = page.equals("more");
            model.put("title", more ? "More like this" : "Fewer like this");
            if (current.isPresent() && current.get() == more) {
                model.put("state", "Already noted: your digest shows " + (more ? "more" : "fewer") + " papers like this one.");
                model.put("undoAction", "/undo/" + token);
            } else {
                model.put("state", current.isEmpty() ? "You have not voted on this paper yet."
                        : "You asked for " + (current.get() ? "more" : "fewer") + " papers like this one. Press the button to change that.");
                model.put("action", "/" + page + "/" + token);
                model.put("button", more ? "More like this" : "Fewer like this");
            }
        }
        ex.html(200, pages.render("vote.html.ftlh", model));
    }

    /** Records (or undoes) the vote; the answer is the same however often it is repeated. */
    void act(Exchange ex, String page, String token) throws IOException {
        Optional<SubscriptionService.VoteLink> link = subscriptions.byVoteToken(token);
        if (link.isEmpty()) {
            badLink(ex);
            return;
        }
        long reader = link.get().reader().id();
        String paper = link.get().paperId();
        Map<String, Object> model = model(link.get(), token);
        if (page.equals("undo")) {
            votes.undo(reader, paper);
            model.put("title", "Vote undone");
            model.put("state", "Your vote on this paper is gone; it no longer shapes your digest.");
        } else {
            boolean more = page.equals("more");
            votes.vote(reader, paper, more, clock.instant());
            model.put("title", "Thanks, noted");
            String next = link.get().reader().status() == Status.CONFIRMED
                    ? "From your next digest on, you will see " + (more ? "more" : "fewer") + " papers like this one."
                    : "Noted: once you subscribe again, your digest will show " + (more ? "more" : "fewer") + " papers like this one.";
            model.put("state", next);
            model.put("undoAction", "/undo/" + token);
        }
        ex.html(200, pages.render("vote.html.ftlh", model));
    }

    private Map<String, Object> model(SubscriptionService.VoteLink link, String token) {
        Map<String, Object> model = pages.model();
        model.put("paperTitle", votes.title(link.paperId()).orElse("Paper " + link.paperId()));
        model.put("preferencesUrl", "/preferences/" + subscriptions.preferencesToken(link.reader().id()));
        if (link.reader().status() != Status.CONFIRMED) {
            // where the reader stands comes first: a vote of a reader who gets no digest only waits for their return
            model.put("standing", new Standing(pages).of(link.reader()) + " A vote here is kept for when you subscribe again.");
        }
        return model;
    }

    private void badLink(Exchange ex) throws IOException {
        ex.html(400, pages.message("This link is not valid",
                "The link may be incomplete or changed: open it again from the latest digest.", null, null));
    }
}

package org.paperboy.subscribers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A reader's votes in one CSV cell, as JSON: {@code [{"paper":"2504.01234","more":true,
 * "at":"2026-11-20T09:00:00Z","title":"…"}]}, latest first; empty for none. The title travels so an
 * installation that imports the list can show and learn from the votes before it mails that paper.
 */
final class VoteCells {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_PAPER_ID = 200;
    static final int MAX_TITLE = 1000;

    private VoteCells() {
    }

    static String write(List<Votes.Vote> votes) {
        if (votes.isEmpty()) {
            return "";
        }
        ArrayNode array = JSON.createArrayNode();
        for (Votes.Vote v : votes) {
            ObjectNode o = array.addObject();
            o.put("paper", v.paperId());
            o.put("more", v.more());
            o.put("at", v.at().toString());
            o.put("title", v.title());
        }
        return array.toString();
    }

    /** The votes of a cell, each checked; a bad one is a {@link SubscriberCsv.BadCell} naming what is wrong. */
    static List<Votes.Vote> read(String cell) {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        JsonNode array;
        try {
            array = JSON.readTree(cell);
        } catch (JsonProcessingException e) {
            throw new SubscriberCsv.BadCell("votes is not a JSON array of votes: " + e.getOriginalMessage());
        }
        if (!array.isArray() || array.size() > Votes.MAX_USED) {
            throw new SubscriberCsv.BadCell("votes must be a JSON array of at most " + Votes.MAX_USED + " votes");
        }
        List<Votes.Vote> votes = new ArrayList<>();
        for (JsonNode v : array) {
            String paper = v.path("paper").asText("");
            String title = v.path("title").asText(paper);
            if (paper.isBlank() || paper.length() > MAX_PAPER_ID || title.length() > MAX_TITLE || !v.path("more").isBoolean()) {
                throw new SubscriberCsv.BadCell("votes: each vote needs a \"paper\" id (at most " + MAX_PAPER_ID + " characters),"
                        + " \"more\" true or false, and a \"title\" of at most " + MAX_TITLE + " characters");
            }
            Instant at;
            try {
                at = Instant.parse(v.path("at").asText(""));
            } catch (DateTimeParseException e) {
                throw new SubscriberCsv.BadCell("votes: \"at\" \"" + v.path("at").asText("") + "\" is not an ISO-8601 instant");
            }
            votes.add(new Votes.Vote(paper, title.isBlank() ? paper : title, v.path("more").asBoolean(), at, null, null));
        }
        return votes;
    }
}

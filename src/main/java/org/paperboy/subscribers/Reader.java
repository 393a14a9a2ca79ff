package org.paperboy.subscribers;

import org.paperboy.ranking.Preferences;

/** What planning a send needs of a reader: who they are, what they chose and how often. */
public record Reader(long id, String email, Preferences preferences, Frequency frequency) {
}

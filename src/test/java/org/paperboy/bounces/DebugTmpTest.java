package org.paperboy.bounces;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DebugTmpTest {
    @Test
    void show() throws Exception {
        for (String f : System.getProperty("files", "").split(",")) {
            if (f.isBlank()) continue;
            byte[] raw = Files.readAllBytes(f.startsWith("/") ? Path.of(f) : Path.of("../shared/bounces/mail", f));
            MailView v = MailView.of(raw);
            System.out.println("=== " + f + " ct=" + v.contentType + " texts=" + v.texts.size() + " ds=" + v.deliveryStatus.length());
            for (TextBounces.Found found : TextBounces.find(v.texts, java.util.Set.of())) {
                System.out.println("  found " + found.recipient() + " :: " + found.block().replace("\n", " | "));
            }
            for (Report r : new BounceParser().parse(raw).reports()) {
                System.out.println("  report " + r);
            }
        }
    }
}

package org.paperboy.app;

import java.util.List;
import org.paperboy.admin.AdminConfig;
import org.paperboy.admin.AdminParts;
import org.paperboy.admin.AdminSite;
import org.paperboy.delivery.DigestCopy;
import org.paperboy.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts the admin pages on the web server when {@code admin.password} is set; without it {@code /admin} stays a 404. */
final class AdminWiring {

    private static final Logger LOG = LoggerFactory.getLogger(AdminWiring.class);

    private AdminWiring() {
    }

    static void mount(Paperboy paperboy, WebServer web) {
        AdminConfig config = paperboy.config().admin();
        if (!config.enabled()) {
            return;
        }
        DigestCopy copies = new DigestCopy(paperboy.deliveryParts());
        AdminParts parts = new AdminParts(paperboy.stats(), paperboy.subscribers(), paperboy.subscriptions(), copies,
                (reader, date) -> copies.send(reader, date, paperboy.rankings(List.of())), paperboy.renderer(),
                paperboy.config().email().listName(), paperboy.config().email().publicBaseUrl(), paperboy.topicSlugs());
        web.mount(new AdminSite(config, parts, paperboy.clock()));
        LOG.info("admin pages on /admin for user {}", config.username());
    }
}

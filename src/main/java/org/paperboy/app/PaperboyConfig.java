package org.paperboy.app;

import org.paperboy.admin.AdminConfig;
import org.paperboy.bounces.BouncesConfig;
import org.paperboy.delivery.DeliveryConfig;
import org.paperboy.digest.EmailConfig;
import org.paperboy.mail.SmtpConfig;
import org.paperboy.papers.PapersConfig;
import org.paperboy.ranking.DigestConfig;
import org.paperboy.ranking.RankingConfig;
import org.paperboy.retention.RetentionConfig;
import org.paperboy.schedule.ScheduleConfig;
import org.paperboy.store.DatabaseConfig;
import org.paperboy.subscribers.TokensConfig;
import org.paperboy.web.WebConfig;

/**
 * The whole of {@code config/paperboy.yaml}, read once at start-up. Each feature receives its
 * own section through its constructor; nothing reaches for a global.
 */
public record PaperboyConfig(PapersConfig papers, RankingConfig ranking, DigestConfig digest, EmailConfig email,
                             SmtpConfig smtp, DeliveryConfig delivery, DatabaseConfig database, TokensConfig tokens,
                             WebConfig web, ScheduleConfig schedule, LoggingConfig logging, BouncesConfig bounces, AdminConfig admin,
                             RetentionConfig retention) {

    public PaperboyConfig {
        papers = papers == null ? PapersConfig.DEFAULTS : papers;
        ranking = ranking == null ? RankingConfig.DEFAULTS : ranking;
        digest = digest == null ? DigestConfig.DEFAULTS : digest;
        email = email == null ? EmailConfig.DEFAULTS : email;
        smtp = smtp == null ? SmtpConfig.DEFAULTS : smtp;
        database = database == null ? DatabaseConfig.DEFAULTS : database;
        tokens = tokens == null ? TokensConfig.DEFAULTS : tokens;
        web = web == null ? WebConfig.DEFAULTS : web;
        delivery = delivery == null ? DeliveryConfig.DEFAULTS : delivery;
        schedule = schedule == null ? ScheduleConfig.DEFAULTS : schedule;
        logging = logging == null ? LoggingConfig.DEFAULTS : logging;
        bounces = bounces == null ? BouncesConfig.DEFAULTS : bounces;
        admin = admin == null ? AdminConfig.DEFAULTS : admin;
        retention = (retention == null ? RetentionConfig.DEFAULTS : retention).against(delivery.historyDays(), delivery.maxAgeDays());
    }
}

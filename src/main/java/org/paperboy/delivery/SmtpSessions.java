package org.paperboy.delivery;

import jakarta.mail.Session;
import java.util.Properties;

/** The Jakarta Mail session for a config: timeouts always set, since the default is to wait forever. */
final class SmtpSessions {

    /** Plain sockets with TCP_NODELAY. */
    static final class NoDelaySocketFactory extends javax.net.SocketFactory {
        @Override
        public java.net.Socket createSocket() throws java.io.IOException {
            java.net.Socket socket = new java.net.Socket();
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
            java.net.Socket socket = new java.net.Socket(host, port);
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort) throws java.io.IOException {
            java.net.Socket socket = new java.net.Socket(host, port, local, localPort);
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress host, int port) throws java.io.IOException {
            java.net.Socket socket = new java.net.Socket(host, port);
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress host, int port, java.net.InetAddress local, int localPort)
                throws java.io.IOException {
            java.net.Socket socket = new java.net.Socket(host, port, local, localPort);
            socket.setTcpNoDelay(true);
            return socket;
        }
    }

    private SmtpSessions() {
    }

    static Session create(SmtpConfig config) {
        String protocol = config.security().equals("ssl") ? "smtps" : "smtp";
        Properties p = new Properties();
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", config.host() == null ? "localhost" : config.host());
        p.put("mail." + protocol + ".port", String.valueOf(config.port()));
        p.put("mail." + protocol + ".connectiontimeout", String.valueOf(config.connectTimeoutSeconds() * 1000L));
        p.put("mail." + protocol + ".timeout", String.valueOf(config.readTimeoutSeconds() * 1000L));
        p.put("mail." + protocol + ".writetimeout", String.valueOf(config.writeTimeoutSeconds() * 1000L));
        p.put("mail." + protocol + ".auth", String.valueOf(config.username() != null));
        p.put("mail." + protocol + ".from", config.fromAddress());
        p.put("mail.mime.allowutf8", "false");
        // commands are small writes answered one by one: without TCP_NODELAY, Nagle's algorithm and
        // the server's delayed ACK add up to 40 ms to every message on an otherwise fast link
        if (!config.security().equals("ssl")) {
            p.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
            p.put("mail.smtp.socketFactory.fallback", "false");
        }
        if (config.security().equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (!config.security().equals("none")) {
            p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        return Session.getInstance(p);
    }
}

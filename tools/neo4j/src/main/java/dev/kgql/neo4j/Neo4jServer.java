package dev.kgql.neo4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Embedded Neo4j Community with only the Bolt connector, for local development and CI.
 *
 * <p>Usage: {@code Neo4jServer [homeDir]}. Environment: NEO4J_BOLT_PORT (7687), NEO4J_PAGECACHE (1g),
 * KGQL_NEO4J_READY_FILE (optional; written once the server is verified, removed on shutdown).
 * Managed by scripts/neo4j.sh; start it through that script.
 */
public final class Neo4jServer {
    static final String USER = "neo4j";
    static final String PASSWORD = "kgql-dev-password";

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : env("NEO4J_HOME_DIR", ".neo4j-data")).toAbsolutePath();
        int port = Integer.parseInt(env("NEO4J_BOLT_PORT", "7687"));
        long pageCache = ByteUnit.parse(env("NEO4J_PAGECACHE", "1g"));
        String readyEnv = System.getenv("KGQL_NEO4J_READY_FILE");
        Path readyFile = readyEnv == null || readyEnv.isEmpty() ? null : Path.of(readyEnv).toAbsolutePath();

        long t0 = System.nanoTime();
        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    // The user log (neo4j.log in a packaged server) goes to stdout, which the script captures.
                    .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO))
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    // Advertised address matters for neo4j:// (routing) URIs: clients must get back 127.0.0.1.
                    .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    // Bolt waits 5 s for its idle threads and 5 s more for its connections when it stops:
                    // 10 s of each stop (scripts/neo4j.sh import restarts Neo4j) for a local server.
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(500))
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(500))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false) // no phoning home (no internet anyway)
                    .build();
        } catch (Throwable e) {
            // Typical cause: port in use or the store is locked by another process.
            System.err.println("kgql-neo4j: startup failed: " + rootMessage(e));
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("kgql-neo4j: shutting down");
            deleteQuietly(readyFile);
            dbms.shutdown();
            System.out.println("kgql-neo4j: stopped");
            stopped.countDown();
        }, "kgql-neo4j-shutdown"));

        try {
            ensurePassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME));
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            db.executeTransactionally("RETURN 1");
            String version = db.executeTransactionally(
                    "CALL dbms.components() YIELD name, versions, edition "
                            + "RETURN name + ' ' + versions[0] + ' ' + edition AS v",
                    Map.of(), r -> (String) r.next().get("v"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String line = String.format("kgql-neo4j ready: bolt://127.0.0.1:%d user=%s (%s, home %s, started in %d ms, pid %d)",
                    port, USER, version, home, ms, ProcessHandle.current().pid());
            writeReady(readyFile, ProcessHandle.current().pid() + " " + port + "\n");
            System.out.println(line);
        } catch (Throwable e) {
            System.err.println("kgql-neo4j: post-start check failed: " + rootMessage(e));
            System.exit(1); // runs the shutdown hook
        }
        stopped.await();
    }

    /**
     * Embedded Neo4j creates user neo4j/neo4j with "password change required". Set the development password
     * once, via the system database (embedded transactions run with full privileges).
     */
    static void ensurePassword(GraphDatabaseService system) {
        Boolean changeRequired = system.executeTransactionally(
                "SHOW USERS YIELD user, passwordChangeRequired WHERE user = $u RETURN passwordChangeRequired",
                Map.of("u", USER), r -> r.hasNext() ? (Boolean) r.next().get("passwordChangeRequired") : null);
        if (changeRequired == null) {
            system.executeTransactionally("CREATE USER " + USER + " SET PASSWORD $p CHANGE NOT REQUIRED", Map.of("p", PASSWORD));
        } else if (changeRequired) {
            system.executeTransactionally("ALTER USER " + USER + " SET PASSWORD $p CHANGE NOT REQUIRED", Map.of("p", PASSWORD));
        }
    }

    static void writeReady(Path file, String content) throws IOException {
        if (file == null) return;
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void deleteQuietly(Path file) {
        if (file == null) return;
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort
        }
    }

    static String rootMessage(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(" <- ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
        }
        return sb.toString();
    }

    static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? def : v;
    }
}

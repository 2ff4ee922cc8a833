package org.cairnmq.store.jpa;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Hands Flyway the migration scripts by name instead of letting it scan the class path, which does not
 * work the same way inside an application server's module class loaders.
 */
final class MigrationScripts implements ResourceProvider {
    /** Every script, oldest first. A new migration is added here and in each database's folder. */
    static final List<String> SCRIPTS = List.of("V1__messages.sql", "V2__subscriptions.sql", "V3__prepared_transactions.sql",
            "V4__dispatch_claims.sql", "V5__indexes_without_trailing_id.sql", "V6__destination_settings.sql",
            "V7__memory_limits.sql", "V8__cluster.sql");

    private final ClassLoader loader;
    private final String folder;

    /** @param databaseFolder the database's folder of scripts ({@link StoreDialect#scriptsFolder}) */
    MigrationScripts(ClassLoader loader, String databaseFolder) {
        this.loader = loader;
        this.folder = "org/cairnmq/store/migration/" + databaseFolder + "/";
    }

    @Override
    public LoadableResource getResource(String name) {
        return SCRIPTS.contains(name) ? new Script(name) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return SCRIPTS.stream()
                .filter(s -> s.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(s::endsWith))
                .<LoadableResource>map(Script::new)
                .toList();
    }

    private final class Script extends LoadableResource {
        private final String name;

        Script(String name) {
            this.name = name;
        }

        @Override
        public Reader read() {
            InputStream in = loader.getResourceAsStream(folder + name);
            if (in == null) {
                throw new UncheckedIOException(new IOException("Missing migration script " + folder + name));
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return folder + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return null;
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}

package org.cairnmq.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs on the JVM's throw-away PostgreSQL cluster ({@link PostgresExtension}):
 * tagged {@code postgresql}, failed with install instructions when PostgreSQL is missing, skipped with
 * {@code -D}{@value PostgresCluster#SKIP_PROPERTY}{@code =true}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("postgresql")
@ExtendWith(PostgresExtension.class)
public @interface PostgresTest {
}

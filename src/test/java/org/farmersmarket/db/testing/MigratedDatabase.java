package org.farmersmarket.db.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a {@link TestDatabase} of its own: a copy of a template database that the real
 * migrations built once per test run. Ask for it as a parameter of any test or lifecycle method.
 */
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(MigratedDatabaseExtension.class)
public @interface MigratedDatabase {}

package org.negotiatetcp.test.kdc;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit Jupiter extension that runs an {@link EmbeddedKdc} for a test class: registered on a {@code static} field,
 * the KDC starts before the class's tests and stops after them; on an instance field, one KDC per test. A
 * {@link #shared() shared} realm is started once per JVM and reused by every class with an equal setup. Test and
 * lifecycle methods can take an {@link EmbeddedKdc} parameter.
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedKdcExtension kdc = EmbeddedKdcExtension.realm("EXAMPLE.COM")
 *     .withKeytab("service.keytab", "host/localhost")
 *     .withUser("alice", "alice-password");
 *
 * @Test
 * void logsIn() {
 *     Path keytab = kdc.get().file("service.keytab");
 *     ...
 * }
 * }</pre>
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class EmbeddedKdcExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private final RealmSetup setup;

	private final boolean shared;

	private @Nullable EmbeddedKdc kdc;

	private boolean perTest;

	private EmbeddedKdcExtension(RealmSetup setup, boolean shared) {
		this.setup = setup;
		this.shared = shared;
	}

	/**
	 * An extension for a realm without principals yet.
	 * @param realm the realm, for example {@code EXAMPLE.COM}
	 * @return the extension
	 */
	public static EmbeddedKdcExtension realm(String realm) {
		return new EmbeddedKdcExtension(RealmSetup.of(realm), false);
	}

	/**
	 * An extension for a realm set up in advance.
	 * @param setup the realm and its principals
	 * @return the extension
	 */
	public static EmbeddedKdcExtension of(RealmSetup setup) {
		return new EmbeddedKdcExtension(setup, false);
	}

	/**
	 * Add a user with a password.
	 * @param principal the user without realm
	 * @param password the password
	 * @return a new extension
	 * @see RealmSetup#withUser(String, String)
	 */
	public EmbeddedKdcExtension withUser(String principal, String password) {
		return new EmbeddedKdcExtension(this.setup.withUser(principal, password), this.shared);
	}

	/**
	 * Add a keytab with the keys of principals.
	 * @param fileName the keytab's file name
	 * @param principals the principals without realm
	 * @return a new extension
	 * @see RealmSetup#withKeytab(String, String...)
	 */
	public EmbeddedKdcExtension withKeytab(String fileName, String... principals) {
		return new EmbeddedKdcExtension(this.setup.withKeytab(fileName, principals), this.shared);
	}

	/**
	 * Use the JVM-wide KDC of this setup ({@link RealmSetup#shared()}), made current before each test class, instead
	 * of one per class.
	 * @return a new extension
	 */
	public EmbeddedKdcExtension shared() {
		return new EmbeddedKdcExtension(this.setup, true);
	}

	/**
	 * Return the running KDC.
	 * @return the KDC
	 * @throws IllegalStateException outside the tests of the class (before it starts or after it stops)
	 */
	public EmbeddedKdc get() {
		EmbeddedKdc running = this.kdc;
		if (running == null) {
			throw new IllegalStateException("The embedded KDC of " + this.setup.realm()
					+ " runs only while the tests of its class run (register the extension with @RegisterExtension)");
		}
		return running;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.kdc = this.shared ? this.setup.shared() : this.setup.start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.kdc == null) {
			// registered on an instance field: one KDC per test
			this.perTest = true;
			this.kdc = this.shared ? this.setup.shared() : this.setup.start();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.perTest) {
			this.perTest = false;
			stop();
		}
	}

	private void stop() {
		EmbeddedKdc running = this.kdc;
		this.kdc = null;
		if (running != null && !this.shared) {
			running.close();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == EmbeddedKdc.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return get();
	}

}

package org.negotiatetcp.boot.test.kerberos;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link EmbeddedKerberos}: starts (or reuses) the realm of the test class before
 * its tests, makes it the JVM's Kerberos configuration, and resolves {@link KerberosRealm} parameters.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class EmbeddedKerberosExtension implements BeforeAllCallback, ParameterResolver {

	@Override
	public void beforeAll(ExtensionContext context) {
		realm(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == KerberosRealm.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return realm(extensionContext);
	}

	/**
	 * Return the realm a test class declares, starting it if needed.
	 * @param testClass the test class (or an enclosing class) annotated with {@link EmbeddedKerberos}
	 * @return the realm
	 */
	public static KerberosRealm realm(Class<?> testClass) {
		Class<?> type = testClass;
		while (type != null) {
			EmbeddedKerberos annotation = AnnotationSupport.findAnnotation(type, EmbeddedKerberos.class).orElse(null);
			if (annotation != null) {
				return RealmDefinition.of(annotation).start();
			}
			type = type.getEnclosingClass();
		}
		throw new ExtensionConfigurationException(testClass.getName() + " is not annotated with @EmbeddedKerberos");
	}

	private static KerberosRealm realm(ExtensionContext context) {
		return realm(context.getRequiredTestClass());
	}

}

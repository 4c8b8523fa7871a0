package org.negotiatetcp.boot.test.kerberos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Configures the application context of a test class annotated with {@link EmbeddedKerberos}: adds the realm's
 * {@link KerberosRealm#properties() starter properties} (before every other property source, so they win over
 * {@code application.properties}; {@code @SpringBootTest(properties = ...)} and {@code @TestPropertySource} still
 * win) and registers the {@link KerberosRealm} as a bean. Registered in {@code META-INF/spring.factories}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
class EmbeddedKerberosContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		EmbeddedKerberos annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, EmbeddedKerberos.class);
		return (annotation != null) ? new Customizer(RealmDefinition.of(annotation), annotation.configureStarter())
				: null;
	}

	private record Customizer(RealmDefinition definition, boolean configureStarter) implements ContextCustomizer {

		static final String PROPERTY_SOURCE_NAME = "embeddedKerberos";

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			KerberosRealm realm = this.definition.start();
			if (this.configureStarter) {
				Map<String, Object> properties = new LinkedHashMap<>(realm.properties());
				var sources = context.getEnvironment().getPropertySources();
				MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, properties);
				if (sources.contains("Inlined Test Properties")) {
					sources.addAfter("Inlined Test Properties", source);
				}
				else {
					sources.addFirst(source);
				}
			}
			context.getBeanFactory().registerSingleton("embeddedKerberosRealm", realm);
		}

	}

}

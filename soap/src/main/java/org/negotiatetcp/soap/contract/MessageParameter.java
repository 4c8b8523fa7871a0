package org.negotiatetcp.soap.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a parameter's element in the request wrapper, as WCF's {@code [MessageParameter(Name = ...)]}. Without it the
 * element is the Java parameter's name (compile with {@code -parameters}), which must then equal the C# parameter's
 * name.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MessageParameter {

	/**
	 * The element's local name.
	 * @return the name
	 */
	String name();

}

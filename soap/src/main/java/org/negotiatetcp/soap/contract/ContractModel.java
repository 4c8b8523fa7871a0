package org.negotiatetcp.soap.contract;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.namespace.QName;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The operations of a {@link ServiceContract} interface, named as WCF names them by default. Building one checks the
 * interface and fails with an {@link IllegalArgumentException} naming the method and the fix.
 */
public final class ContractModel {

	private final Class<?> contract;

	private final String namespace;

	private final String name;

	private final Map<Method, OperationModel> byMethod = new LinkedHashMap<>();

	private final Map<String, OperationModel> byAction = new LinkedHashMap<>();

	private ContractModel(Class<?> contract) {
		ServiceContract annotation = contract.getAnnotation(ServiceContract.class);
		if (!contract.isInterface() || annotation == null) {
			throw new IllegalArgumentException(contract.getName() + " is not a service contract: annotate an "
					+ "interface with @ServiceContract");
		}
		this.contract = contract;
		this.namespace = annotation.namespace();
		this.name = annotation.name().isEmpty() ? contract.getSimpleName() : annotation.name();
		for (Method method : contract.getMethods()) {
			if (method.isDefault() || Modifier.isStatic(method.getModifiers())) {
				continue;
			}
			OperationContract operation = method.getAnnotation(OperationContract.class);
			if (operation == null) {
				throw new IllegalArgumentException("Method " + describe(method) + " of service contract "
						+ contract.getName() + " is not annotated @OperationContract");
			}
			OperationModel model = operation(method, operation);
			OperationModel previous = this.byAction.put(model.action(), model);
			if (previous != null) {
				throw new IllegalArgumentException("Methods " + describe(previous.method()) + " and "
						+ describe(method) + " of " + contract.getName() + " have the same action " + model.action()
						+ ": give one another name or action in @OperationContract");
			}
			this.byMethod.put(method, model);
		}
	}

	/**
	 * Describes a contract.
	 * @param contract an interface annotated {@link ServiceContract}
	 * @return its model
	 * @throws IllegalArgumentException when the interface is not a valid contract
	 */
	public static ContractModel of(Class<?> contract) {
		return new ContractModel(contract);
	}

	private OperationModel operation(Method method, OperationContract annotation) {
		String operation = annotation.name().isEmpty() ? method.getName() : annotation.name();
		String action = annotation.action().isEmpty()
				? this.namespace + (this.namespace.endsWith("/") ? "" : "/") + this.name + "/" + operation
				: annotation.action();
		String replyAction = annotation.replyAction().isEmpty() ? action + "Response" : annotation.replyAction();
		Type returned = method.getGenericReturnType();
		boolean reactive = method.getReturnType() == Mono.class;
		Class<?> result;
		if (reactive) {
			if (!(returned instanceof ParameterizedType parameterized)
					|| !(parameterized.getActualTypeArguments()[0] instanceof Class<?> argument)) {
				throw new IllegalArgumentException("Method " + describe(method) + " returns " + returned
						+ ": a reactive operation returns Mono<T> with T a class (Mono<Void> for none)");
			}
			result = (argument == Void.class) ? null : argument;
		}
		else {
			result = (method.getReturnType() == void.class) ? null : box(checked(method, returned));
		}
		if (annotation.oneWay() && result != null) {
			throw new IllegalArgumentException("One-way operation " + describe(method) + " returns " + returned
					+ ": a one-way operation returns void or Mono<Void>");
		}
		List<OperationModel.Parameter> parameters = new ArrayList<>();
		java.lang.reflect.Parameter[] declared = method.getParameters();
		for (int i = 0; i < declared.length; i++) {
			MessageParameter named = declared[i].getAnnotation(MessageParameter.class);
			if (named == null && !declared[i].isNamePresent()) {
				throw new IllegalArgumentException("Parameter " + i + " of " + describe(method) + " has no name: "
						+ "annotate it @MessageParameter(name = ...) or compile with -parameters");
			}
			String element = (named != null) ? named.name() : declared[i].getName();
			parameters.add(new OperationModel.Parameter(new QName(this.namespace, element),
					box(checked(method, method.getGenericParameterTypes()[i]))));
		}
		return new OperationModel(method, operation, action, replyAction, annotation.oneWay(), reactive,
				new QName(this.namespace, operation), new QName(this.namespace, operation + "Response"),
				new QName(this.namespace, operation + "Result"), parameters, result);
	}

	private static Class<?> checked(Method method, Type type) {
		if (type instanceof Class<?> type1) {
			return type1;
		}
		throw new IllegalArgumentException("Method " + describe(method) + " uses the type " + type
				+ ": parameters and results are classes (a data contract class, a primitive, String...); wrap "
				+ "collections in a data contract class");
	}

	private static Class<?> box(Class<?> type) {
		if (!type.isPrimitive()) {
			return type;
		}
		return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
	}

	private static String describe(Method method) {
		return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
	}

	/**
	 * Returns the contract interface.
	 * @return the interface
	 */
	public Class<?> contract() {
		return this.contract;
	}

	/**
	 * Returns the contract's namespace.
	 * @return the namespace
	 */
	public String namespace() {
		return this.namespace;
	}

	/**
	 * Returns the contract's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the operations.
	 * @return the operations, in the interface's method order
	 */
	public Collection<OperationModel> operations() {
		return this.byMethod.values();
	}

	/**
	 * Returns the operation of a method.
	 * @param method a method of the contract
	 * @return the operation, or {@code null} if the method is not one
	 */
	public @Nullable OperationModel operation(Method method) {
		return this.byMethod.get(method);
	}

	/**
	 * Returns the operation of a request's action.
	 * @param action the action
	 * @return the operation, or {@code null} if the contract has none with that action
	 */
	public @Nullable OperationModel operationForAction(String action) {
		return this.byAction.get(action);
	}

	@Override
	public String toString() {
		return "ContractModel[" + this.contract.getName() + ", " + this.byAction.keySet() + "]";
	}

}

package org.negotiatetcp.samples.wcfservice;

import org.negotiatetcp.soap.SoapFaultException;
import org.negotiatetcp.soap.contract.OperationContract;
import org.negotiatetcp.soap.contract.ServiceContract;

/**
 * The service contract, as this C# contract maps to Java (the README shows both sides):
 * <pre>
 * [ServiceContract(Namespace = "http://example.org/orders")]
 * public interface IOrders {
 *     [OperationContract] string WhoAmI();
 *     [OperationContract] Order Place(Order order);
 *     [OperationContract] string Cancel(int id);          // managers only
 *     [OperationContract(IsOneWay = true)] void Note(string text);
 *     [OperationContract] string[] Notes();                // here: the notes joined by commas
 * }
 * </pre>
 */
@ServiceContract(namespace = Orders.NAMESPACE, name = "IOrders")
public interface Orders {

	/** The contract's namespace (C# {@code [ServiceContract(Namespace = ...)]}). */
	String NAMESPACE = "http://example.org/orders";

	/**
	 * Who the service sees.
	 * @return the client's name and roles
	 */
	@OperationContract(name = "WhoAmI")
	String whoAmI();

	/**
	 * Places an order.
	 * @param order the item and quantity
	 * @return the order with its number and who placed it
	 */
	@OperationContract(name = "Place")
	Order place(Order order);

	/**
	 * Cancels an order: managers only.
	 * @param id the order's number
	 * @return what happened
	 * @throws SoapFaultException {@code UnknownOrder} when there is no such order
	 */
	@OperationContract(name = "Cancel")
	String cancel(int id) throws SoapFaultException;

	/**
	 * Leaves a note, without reply.
	 * @param text the note
	 */
	@OperationContract(name = "Note", oneWay = true)
	void note(String text);

	/**
	 * The notes so far.
	 * @return the notes joined by commas
	 */
	@OperationContract(name = "Notes")
	String notes();

}

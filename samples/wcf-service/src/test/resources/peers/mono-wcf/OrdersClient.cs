// A WCF client of the wcf-service sample on Mono (NetTcpBinding with SecurityMode.None: the "unsecured" profile).
//   mono OrdersClient.exe net.tcp://127.0.0.1:<port>/orders
// prints "RESULT <name> <value>" per call, then "DONE".
using System;
using System.Runtime.Serialization;
using System.ServiceModel;
using System.Threading;

namespace Orders
{
	[DataContract(Namespace = "http://schemas.datacontract.org/2004/07/Orders")]
	public class Order
	{
		[DataMember] public int Id;
		[DataMember] public string Item;
		[DataMember] public string PlacedBy;
		[DataMember] public int Quantity;
	}

	[ServiceContract(Namespace = "http://example.org/orders")]
	public interface IOrders
	{
		[OperationContract] string WhoAmI();
		[OperationContract] Order Place(Order order);
		[OperationContract] string Cancel(int id);
		[OperationContract(IsOneWay = true)] void Note(string text);
		[OperationContract] string Notes();
	}

	public static class OrdersClient
	{
		public static int Main(string[] args)
		{
			try
			{
				var binding = new NetTcpBinding(SecurityMode.None);
				binding.SendTimeout = TimeSpan.FromSeconds(60);
				var factory = new ChannelFactory<IOrders>(binding, new EndpointAddress(args[0]));
				IOrders orders = factory.CreateChannel();
				Console.WriteLine("RESULT whoami " + orders.WhoAmI());
				Order placed = orders.Place(new Order { Item = "paper", Quantity = 500 });
				Console.WriteLine("RESULT place " + placed.Id + "|" + placed.Item + "|" + placed.Quantity + "|"
					+ placed.PlacedBy);
				try
				{
					Console.WriteLine("RESULT cancel " + orders.Cancel(placed.Id));
				}
				catch (FaultException fault)
				{
					Console.WriteLine("RESULT cancel fault|" + fault.Code.IsSenderFault + "|"
						+ fault.Reason.GetMatchingTranslation().Text);
				}
				orders.Note("from mono");
				string notes = "";
				for (int i = 0; i < 100 && notes == ""; i++)
				{
					notes = orders.Notes();
					if (notes == "") { Thread.Sleep(100); }
				}
				Console.WriteLine("RESULT notes " + notes);
				((IClientChannel) orders).Close();
				factory.Close();
				Console.WriteLine("DONE");
				return 0;
			}
			catch (Exception ex)
			{
				Console.WriteLine("ERROR " + ex.GetType().FullName + ": " + ex.Message.Replace('\n', ' '));
				Console.Error.WriteLine(ex);
				return 1;
			}
		}
	}
}

export default function ProtocolsPage() {
  return <p>soon</p>;
}

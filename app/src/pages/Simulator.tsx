export default function SimulatorPage() {
  return <p>soon</p>;
}

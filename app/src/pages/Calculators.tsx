export default function CalculatorsPage() {
  return <p>soon</p>;
}

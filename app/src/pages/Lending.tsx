export default function LendingPage() {
  return <p>soon</p>;
}

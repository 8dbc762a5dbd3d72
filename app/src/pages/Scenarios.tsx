export default function ScenariosPage() {
  return <p>soon</p>;
}

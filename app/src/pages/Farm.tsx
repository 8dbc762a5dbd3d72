export default function FarmPage() {
  return <p>soon</p>;
}

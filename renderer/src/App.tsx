export function App() {
  return (
    <main>
      <h1>Allot</h1>
      <p>Inventory and point of sale, online or not.</p>
    </main>
  )
}

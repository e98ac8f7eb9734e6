// Placeholder for scripts whose feature arrives with a later issue: says so plainly and fails,
// so nobody mistakes a missing feature for a working one.
const [script = 'this script', issue = 'a later issue'] = process.argv.slice(2)
console.error(`npm run ${script} is not yet available: it arrives with ${issue}. See README.md.`)
process.exit(2)

interface ErrorCardProps {
  title: string;
  message: string;
}

/** Shows why something (one run, usually) could not be read, without taking the page down. */
export function ErrorCard({ title, message }: ErrorCardProps) {
  return (
    <div className="error-card" role="alert">
      <strong>{title}</strong>
      <pre>{message}</pre>
    </div>
  );
}

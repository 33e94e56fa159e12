/**
 * A few plain building blocks for the public site. They follow the antd theme tokens but
 * avoid the heavier antd components, so a phone on a slow network loads little.
 */
import { theme } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

export function Panel({
  title,
  children,
  style,
  testId,
}: {
  title?: ReactNode;
  children: ReactNode;
  style?: CSSProperties;
  testId?: string;
}) {
  const { token } = theme.useToken();
  return (
    <section
      data-testid={testId}
      style={{
        background: token.colorBgContainer,
        borderRadius: token.borderRadiusLG,
        border: `1px solid ${token.colorBorderSecondary}`,
        padding: 16,
        ...style,
      }}
    >
      {title && (
        <h2 style={{ margin: '0 0 12px', fontSize: token.fontSizeHeading4, fontWeight: 600 }}>
          {title}
        </h2>
      )}
      {children}
    </section>
  );
}

export function Heading({
  level = 1,
  children,
  testId,
}: {
  level?: 1 | 2 | 3;
  children: ReactNode;
  testId?: string;
}) {
  const { token } = theme.useToken();
  const size = { 1: token.fontSizeHeading2, 2: token.fontSizeHeading4, 3: token.fontSizeHeading5 }[
    level
  ];
  const Tag = ({ 1: 'h1', 2: 'h2', 3: 'h3' } as const)[level];
  return (
    <Tag
      data-testid={testId}
      style={{ margin: level === 1 ? '0 0 4px' : '16px 0 8px', fontSize: size, fontWeight: 600 }}
    >
      {children}
    </Tag>
  );
}

export function Muted({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  const { token } = theme.useToken();
  return (
    <p style={{ margin: '0 0 12px', color: token.colorTextSecondary, ...style }}>{children}</p>
  );
}

export function Text({ children }: { children: ReactNode }) {
  return <p style={{ margin: '0 0 12px', lineHeight: 1.75 }}>{children}</p>;
}

export function Badge({ children, color }: { children: ReactNode; color: 'green' | 'blue' }) {
  const palette = {
    green: { color: '#389e0d', background: '#f6ffed', border: '#b7eb8f' },
    blue: { color: '#0958d9', background: '#e6f4ff', border: '#91caff' },
  }[color];
  return (
    <span
      style={{
        display: 'inline-block',
        fontSize: 12,
        lineHeight: '20px',
        padding: '0 7px',
        borderRadius: 4,
        border: `1px solid ${palette.border}`,
        color: palette.color,
        background: palette.background,
      }}
    >
      {children}
    </span>
  );
}

export const mono: CSSProperties = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  fontSize: 12,
  wordBreak: 'break-all',
};
